/** Writing a report page to disk (Node only; the page itself comes from src/cli/page.ts). */
import { writeFile } from 'node:fs/promises';
import { UsageError, oneLine } from './errors.ts';

/** Writes a report, turning file-system failures into a one-line usage error naming `--report`. */
export async function writeReport(path: string, html: string): Promise<void> {
  try {
    await writeFile(path, html);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a directory' : oneLine(err);
    throw new UsageError(`--report ${path}: cannot write the report: ${why}`);
  }
}
