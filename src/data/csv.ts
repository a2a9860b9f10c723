/**
 * CSV text → header + rows of strings, with the line number of every row.
 * Parsing is csv-parse (RFC 4180: quotes, embedded commas and newlines,
 * CRLF or LF). A leading byte-order mark is removed and blank lines are
 * skipped. Cells are kept verbatim; callers trim when they interpret them.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { DataError } from './errors.ts';

/** One data row and the line of the file where it starts (1-based; the header is line 1). */
export interface CsvRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** A parsed CSV file. */
export interface CsvTable {
  /** File name, path or label used in error messages. */
  readonly source: string;
  /** Column names as written (a BOM removed; not trimmed). */
  readonly header: readonly string[];
  /** Data rows, each exactly `header.length` cells long. */
  readonly rows: readonly CsvRow[];
}

const BYTE_ORDER_MARK = '\uFEFF';

/** A header name in the form used for comparisons: trimmed and lower-cased. */
export function normalizeColumnName(name: string): string {
  return name.trim().toLowerCase();
}

function countNewlines(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) for (let i = 0; i < cell.length; i++) if (cell.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Records of text without quotes whose line breaks are all LF or all CRLF,
 * split directly: on such text csv-parse's records are exactly the non-empty
 * lines split at commas (tests/unit/data/csv-fast.test.ts checks this against
 * csv-parse on random text), and splitting is ≈ 10× faster with a fraction of
 * the garbage on a 10⁶-row file. Returns null for any other text.
 * Internal to parseCsv; exported for that test.
 */
export function splitPlainCsv(body: string): CsvRow[] | null {
  if (body.includes('"')) return null;
  const lf = countOf(body, '\n');
  const cr = countOf(body, '\r');
  let sep: string;
  if (cr === 0) sep = '\n';
  else if (cr === lf && countOf(body, '\r\n') === cr) sep = '\r\n';
  else return null;
  const rows: CsvRow[] = [];
  let line = 0;
  for (let pos = 0; pos <= body.length; ) {
    let end = body.indexOf(sep, pos);
    if (end < 0) end = body.length;
    line++;
    if (end > pos) rows.push({ line, cells: body.slice(pos, end).split(',') });
    pos = end + sep.length;
  }
  return rows;
}

function countOf(text: string, what: string): number {
  let n = 0;
  for (let at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length)) n++;
  return n;
}

/** Any text through csv-parse, with the line where each record starts (the general path of parseCsv). */
export function parseCsvRecords(body: string, source: string): CsvRow[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info: true` each record comes as { record, info }; info.lines is the line where the record ends.
    records = parse(body, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
  } catch (err) {
    if (err instanceof CsvError) {
      const row = typeof err.lines === 'number' ? err.lines : undefined;
      throw new DataError(`malformed CSV: ${err.message}`, { file: source, ...(row !== undefined ? { row } : {}), cause: err });
    }
    throw err;
  }
  return records.map(({ record, info }) => ({ line: info.lines - countNewlines(record), cells: record }));
}

/**
 * Parses CSV text whose first record is the header.
 *
 * @param text   the whole file
 * @param source name for error messages (e.g. `data.csv` or `<stdin>`)
 * @throws DataError if the text is empty, malformed (unclosed quote and the
 *   like), has two columns whose names differ only in case or surrounding
 *   space, or has a row with more or fewer cells than the header
 */
export function parseCsv(text: string, source: string): CsvTable {
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  // Not body.trim(): that copies a large file when it ends with a newline.
  if (!/\S/.test(body)) throw new DataError('file is empty (expected a header row)', { file: source });

  const withLines = splitPlainCsv(body) ?? parseCsvRecords(body, source);
  if (withLines.length === 0) throw new DataError('file is empty (expected a header row)', { file: source });

  const head = withLines[0]!;
  const data = withLines.slice(1);
  const header = head.cells;

  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normalizeColumnName(name);
    if (key === '') return; // unnamed columns (e.g. a pandas index) cannot be selected, so they cannot clash
    const first = seen.get(key);
    if (first !== undefined) {
      throw new DataError(
        `duplicate column name: "${header[first]}" (column ${first + 1}) and "${name}" (column ${i + 1}); ` + 'column names are compared ignoring case',
        { file: source, row: head.line, column: name },
      );
    }
    seen.set(key, i);
  });

  for (const row of data) {
    if (row.cells.length !== header.length) {
      throw new DataError(`has ${row.cells.length} cells but the header has ${header.length} columns`, {
        file: source,
        row: row.line,
      });
    }
  }
  return { source, header, rows: data };
}
