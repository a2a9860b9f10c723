import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { main, type CliIo } from '../../src/cli/main.ts';
import { haveRealData, SHARED_DATA_DIR } from '../helpers/data.ts';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The shipped synthetic example. */
export const EXAMPLE_CSV = join(ROOT, 'examples', 'isoflops-synthetic.csv');
/** Published data files beside the project (../shared/data). */
export const EPOCH_CSV = join(SHARED_DATA_DIR, 'epochai_chinchilla.csv');
export const LLAMA_CSV = join(SHARED_DATA_DIR, 'llama_3_isoflops.csv');
export const HAVE_SHARED_DATA = haveRealData(['epochai_chinchilla.csv', 'llama_3_isoflops.csv'], 'the real-data CLI tests');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command in this process with captured streams; `stdin` is the text on standard input. */
export async function runMain(argv: readonly string[], stdin?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => stdin ?? '',
    stdinIsTTY: stdin === undefined,
    stderrIsTTY: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Runs `main` and parses its JSON output (fails the test with stderr if it did not succeed). */
// biome-ignore lint/suspicious/noExplicitAny: tests read fields of the JSON output freely
type JsonRecord = Record<string, any>;

export async function runJson(argv: readonly string[], stdin?: string): Promise<JsonRecord> {
  const r = await runMain([...argv, '--json'], stdin);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as JsonRecord;
}

/** Spawns a command (from the repository root unless `cwd` is given), optionally feeding stdin. */
export function spawnCommand(file: string, args: readonly string[], options: { stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { cwd: options.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** The real CLI from the sources, as `npm run fit` runs it (node + tsx). */
export function spawnTsxCli(args: readonly string[], options: { stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  return spawnCommand(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'src', 'cli', 'fit.ts'), ...args], options);
}

/** Runs a command to completion and returns its stdout (rejects on failure). */
export function execText(file: string, args: readonly string[], cwd = ROOT): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** x rounded to 4 significant digits. */
export const sig4 = (x: number): number => Number(x.toPrecision(4));
