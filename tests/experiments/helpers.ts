import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { findExperiment } from '../../experiments/registry.ts';
import { type RunRecord, runExperiment } from '../../experiments/runner.ts';

/** Project root (for spawning the CLI). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function makeTempDir(prefix = 'scaling-fit-exp-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Runs experiment `id` in quick mode through the runner (one inline job). */
export async function runQuick(id: number, outRoot: string, jobs = 1): Promise<RunRecord> {
  const exp = findExperiment(id);
  if (!exp) throw new Error(`experiment ${id} is not registered`);
  return runExperiment(exp, { outRoot, quick: true, seed: 42, jobs });
}

export interface CsvFile {
  header: string[];
  rows: Array<Record<string, string>>;
}

/** Reads a CSV written by the experiments: header and rows as strings. */
export async function readCsv(path: string): Promise<CsvFile> {
  const text = await readFile(path, 'utf8');
  const records = parse(text, { relax_column_count: false }) as string[][];
  const [header, ...body] = records;
  return { header, rows: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]]))) };
}

export async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

/** Numeric value of a CSV field; throws on an empty or non-numeric field. */
export function num(row: Record<string, string>, col: string): number {
  const v = row[col];
  if (v === undefined || v === '' || !Number.isFinite(Number(v))) throw new Error(`column ${col}: "${v}" is not a finite number`);
  return Number(v);
}

/** Asserts every listed column of every row holds a finite number. */
export function expectFinite(rows: Array<Record<string, string>>, columns: readonly string[]): void {
  for (const row of rows) for (const c of columns) num(row, c);
}
