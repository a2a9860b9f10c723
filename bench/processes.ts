/**
 * Cases that need a fresh process: cold start and peak memory (the child
 * scripts in children/, run from their TypeScript sources with
 * `node --import tsx`; loading them is not timed), and the end-to-end
 * commands (`npm run exp -- --all`, `npm run article`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './library.ts';
import { summarise, type Timing } from './timing.ts';

/** Run a child script (children/<script>.ts) in a fresh node with tsx; its last stdout line is JSON. */
export function runChild<T>(script: string, args: readonly (string | number)[]): T {
  const file = join(ROOT, 'bench', 'children', script);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...args.map(String)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${script} exited with ${r.status ?? r.signal}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

export interface ColdRun {
  readonly instantiateMs: number;
  readonly firstGridMs: number;
  readonly secondGridMs: number;
  readonly bestIndex: number;
  readonly rss: number;
  readonly E: number;
  readonly A: number;
  readonly B: number;
}

export interface ColdStart {
  /** Read + compile + instantiate the module. */
  readonly instantiate: Timing;
  /** Instantiate + the first grid (what a fresh process waits for). */
  readonly firstGrid: Timing;
  /** The second grid of the same process (after V8 tiered the kernel up). */
  readonly secondGrid: Timing;
  /** Every process's answer, for checking. */
  readonly answers: readonly ColdRun[];
}

/** `processes` fresh node processes, each: instantiate, then two side² grids on n points. */
export function coldStart(wasmPath: string, side: number, n: number, processes: number): ColdStart {
  const runs: ColdRun[] = [];
  for (let i = 0; i < processes; i++) runs.push(runChild<ColdRun>('cold.ts', [wasmPath, side, n]));
  return {
    instantiate: summarise(runs.map((r) => r.instantiateMs)),
    firstGrid: summarise(runs.map((r) => r.instantiateMs + r.firstGridMs)),
    secondGrid: summarise(runs.map((r) => r.secondGridMs)),
    answers: runs,
  };
}

export interface MemoryRun {
  readonly times: number[];
  readonly rssBeforeMb: number;
  readonly peakRssMb: number;
  readonly bestIndex: number;
  readonly rss: number;
  readonly E: number;
  readonly A: number;
  readonly B: number;
}

/** One fresh process: `runs` side² grids on n points; its times and peak resident set. */
export function peakMemory(wasmPath: string, side: number, n: number, runs: number): MemoryRun {
  return runChild<MemoryRun>('memory.ts', [wasmPath, side, n, runs]);
}

export interface EndToEnd {
  readonly name: string;
  /** Wall-clock ms, or null when the command is not available. */
  readonly ms: number | null;
  readonly note?: string;
}

function timeCommand(name: string, args: readonly string[], timeoutMs: number): EndToEnd {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('npm', ['run', '--silent', ...args], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr || r.stdout).trim().split('\n').slice(-1)[0] || `exit ${r.status}`;
    return { name, ms: null, note: `not available: ${why.slice(0, 160)}` };
  }
  return { name, ms };
}

/**
 * The wanted ones of `npm run exp -- --all` (full mode, into a scratch
 * folder: e2e_exp_all) and `npm run article` (from the existing results: e2e_article).
 */
export function endToEnd(want: (name: string) => boolean): EndToEnd[] {
  const rows: EndToEnd[] = [];
  if (want('e2e_exp_all')) {
    const out = mkdtempSync(join(tmpdir(), 'bench-exp-'));
    try {
      rows.push(timeCommand('e2e_exp_all', ['exp', '--', '--all', '--out', out], 30 * 60_000));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  if (want('e2e_article')) rows.push(timeCommand('e2e_article', ['article'], 10 * 60_000));
  return rows;
}
