/**
 * Errors raised while reading data. Every message starts with where the
 * problem is, then says what is wrong:
 *
 *     data.csv: row 17, column loss: "abc" is not a number
 *
 * Row numbers are **line numbers in the file** (1-based, the header is line 1,
 * so the first data row is row 2; blank lines still count). A quoted cell that
 * spans several lines is reported at the line where its record starts.
 * Bad arguments (a negative `dropHighestLoss`, say) are not data problems and
 * throw `RangeError`/`TypeError` instead.
 */

/** Where a data problem was found; every field is optional. */
export interface DataErrorLocation {
  /** File name or path as the user gave it (or a label such as `<stdin>`). */
  readonly file?: string;
  /** Line number in the file (1-based; the header is line 1). */
  readonly row?: number;
  /** Column name as written in the header. */
  readonly column?: string;
  /** The offending cell text, verbatim. */
  readonly value?: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/** Formats the `file: row R, column C: ` prefix of a message (empty when nothing is known). */
export function formatLocation(where: DataErrorLocation): string {
  const parts: string[] = [];
  if (where.row !== undefined) parts.push(`row ${where.row}`);
  if (where.column !== undefined) parts.push(`column ${where.column}`);
  let prefix = where.file !== undefined ? `${where.file}: ` : '';
  if (parts.length > 0) prefix += `${parts.join(', ')}: `;
  return prefix;
}

/** A data file is missing, unreadable, malformed, or fails its checksum. */
export class DataError extends Error {
  override name = 'DataError';
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  readonly value?: string;
  /** The message without its location prefix. */
  readonly detail: string;

  /**
   * @param detail what is wrong, e.g. `"abc" is not a number`
   * @param where  where it is wrong; prefixed to the message
   */
  constructor(detail: string, where: DataErrorLocation = {}) {
    super(formatLocation(where) + detail, where.cause === undefined ? undefined : { cause: where.cause });
    this.detail = detail;
    if (where.file !== undefined) this.file = where.file;
    if (where.row !== undefined) this.row = where.row;
    if (where.column !== undefined) this.column = where.column;
    if (where.value !== undefined) this.value = where.value;
  }
}

/**
 * A published data file has no local copy and could not be downloaded
 * (no network, download disabled, or the server refused). The message says
 * which file, every place searched, why the download failed, and how to
 * point the tool at a local copy (`--data-dir DIR` or `SCALING_DATA_DIR`).
 */
export class DataUnavailableError extends DataError {
  override name = 'DataUnavailableError';
  /** Every location searched, in order, with what was found there. */
  readonly searched: readonly string[];
  /** Why the download did not happen or failed. */
  readonly downloadFailure: string;

  constructor(file: string, searched: readonly string[], downloadFailure: string, cause?: unknown) {
    super(
      `not available: no local copy (looked in ${searched.join('; ')}) and ${downloadFailure}. ` +
        `Pass --data-dir DIR or set SCALING_DATA_DIR to a folder that holds ${file}.`,
      { file, cause },
    );
    this.searched = searched;
    this.downloadFailure = downloadFailure;
  }
}
