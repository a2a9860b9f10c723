import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { type Table, toCsv } from './csv.ts';
import { type FigureSpec, figureHtml } from './figure-html.ts';
import { toJson, type ToJsonOptions } from './json.ts';
import { ensurePlotlyAsset } from '../../../src/plot/plotly-asset.ts';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes staging folders of `dir` left by processes that died (e.g. interrupted with Ctrl-C). */
async function removeStaleStaging(dir: string): Promise<void> {
  const prefix = `.${basename(dir)}.partial-`;
  let names: string[];
  try {
    names = await readdir(dirname(dir));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) {
      await rm(join(dirname(dir), name), { recursive: true, force: true });
    }
  }
}

/**
 * The one object through which an output folder is written.
 *
 * Files go into a staging folder next to the target; {@link commit}
 * replaces the target with it in one rename, so a run that fails half-way
 * leaves the previous results untouched and a finished run never mixes old
 * and new files. Every file name may be written once (a second write of the
 * same name throws: two figures with one name is a bug). Figures load the
 * one shared plotly.js copy at the output root by a relative path.
 *
 * @example
 * const w = await OutputWriter.open('results', 'experiments/exp1');
 * await w.csv('sweep.csv', { columns: ['w_index'], rows: [{ w_index: 0 }] });
 * await w.commit();
 */
export class OutputWriter {
  readonly #written = new Set<string>();
  #state: 'open' | 'committed' | 'aborted' = 'open';

  private constructor(
    /** Root of all outputs (`--out`); holds the shared plotly.js. */
    readonly outRoot: string,
    /** Final folder of this writer. */
    readonly dir: string,
    /** Staging folder being written. */
    readonly stagingDir: string,
    /** Path of the shared plotly.js copy. */
    readonly plotlyPath: string,
  ) {}

  /** Opens a writer for `<outRoot>/<relDir>` (and copies plotly.js to `<outRoot>` if needed). */
  static async open(outRoot: string, relDir: string): Promise<OutputWriter> {
    const root = resolve(outRoot);
    const dir = resolve(root, relDir);
    if (dir === root || !dir.startsWith(root + sep)) throw new RangeError(`OutputWriter: ${relDir} must be a folder below ${root}`);
    await removeStaleStaging(dir);
    const staging = join(dirname(dir), `.${basename(dir)}.partial-${process.pid}-${Date.now().toString(36)}`);
    await mkdir(staging, { recursive: true });
    const plotlyPath = await ensurePlotlyAsset(root);
    return new OutputWriter(root, dir, staging, plotlyPath);
  }

  /** Names written so far, in order. */
  get files(): string[] {
    return [...this.#written];
  }

  #claim(name: string): string {
    if (this.#state !== 'open') throw new Error(`OutputWriter: ${this.dir} is already ${this.#state}; cannot write ${name}`);
    if (!NAME_RE.test(name)) throw new RangeError(`OutputWriter: invalid file name "${name}" (letters, digits, . _ - only)`);
    if (this.#written.has(name)) throw new Error(`OutputWriter: ${name} was already written to ${this.dir}`);
    this.#written.add(name);
    return join(this.stagingDir, name);
  }

  /** Writes a CSV table (specs/experiments.md §A.2 formatting, see `toCsv`). */
  async csv(name: string, table: Table): Promise<void> {
    if (!name.endsWith('.csv')) throw new RangeError(`OutputWriter.csv: ${name} must end in .csv`);
    const path = this.#claim(name);
    await writeFile(path, toCsv(table), 'utf8');
  }

  /** Writes a JSON file (non-finite numbers → null; undefined throws unless options say otherwise). */
  async json(name: string, value: unknown, options: ToJsonOptions = {}): Promise<void> {
    if (!name.endsWith('.json')) throw new RangeError(`OutputWriter.json: ${name} must end in .json`);
    const path = this.#claim(name);
    await writeFile(path, toJson(value, options), 'utf8');
  }

  /** Writes a text file such as `report.md`. */
  async text(name: string, text: string): Promise<void> {
    const path = this.#claim(name);
    await writeFile(path, text.endsWith('\n') ? text : text + '\n', 'utf8');
  }

  /** Writes figure `name` as `name.json` (the `{data, layout}` object) and `name.html`. */
  async figure(name: string, figure: FigureSpec, title = name): Promise<void> {
    const jsonPath = this.#claim(`${name}.json`);
    const htmlPath = this.#claim(`${name}.html`);
    const src = relative(this.dir, this.plotlyPath).split(sep).join('/');
    await writeFile(jsonPath, toJson(figure, { undefinedValues: 'omit', indent: 0 }), 'utf8');
    await writeFile(htmlPath, figureHtml(title, figure, src), 'utf8');
  }

  /** Replaces the target folder with what was written; returns the file names. */
  async commit(): Promise<string[]> {
    if (this.#state !== 'open') throw new Error(`OutputWriter: ${this.dir} is already ${this.#state}`);
    this.#state = 'committed';
    const old = `${this.stagingDir}.old`;
    let moved = false;
    try {
      await rename(this.dir, old);
      moved = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await rename(this.stagingDir, this.dir);
    if (moved) await rm(old, { recursive: true, force: true });
    return this.files;
  }

  /** Discards what was written; the target folder is left as it was. */
  async abort(): Promise<void> {
    if (this.#state !== 'open') return;
    this.#state = 'aborted';
    await rm(this.stagingDir, { recursive: true, force: true });
  }
}
