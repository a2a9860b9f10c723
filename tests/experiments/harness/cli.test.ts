import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../../experiments/harness/registry.ts';
import { makeTempDir, PROJECT_ROOT, removeDir } from '../helpers.ts';

const TSX = join(PROJECT_ROOT, 'node_modules/.bin/tsx');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(TSX, ['experiments/harness/cli.ts', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` (recursively) except the plotly copy, with contents. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'plotly.js') continue;
    const path = join(entry.parentPath, entry.name);
    out.set(path.slice(dir.length), await readFile(path, 'utf8'));
  }
  return out;
}

let root: string;
beforeAll(async () => {
  root = await makeTempDir('scaling-fit-cli-');
});
afterAll(() => removeDir(root));

describe('experiments CLI', () => {
  it('lists every experiment with its title under --help', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const e of EXPERIMENTS) expect(r.stdout).toContain(`${String(e.id).padStart(2)}  ${e.title}`);
    for (const flag of ['--id', '--all', '--quick', '--seed', '--rng', '--out', '--data-dir', '--jobs']) expect(r.stdout).toContain(flag);
  });

  it('fails clearly on bad arguments', () => {
    const none = cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('choose experiments with --id');
    const unknown = cli(['--id', '99']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('experiment 99 is not available');
    expect(cli(['--id', 'x']).stderr).toContain('is not an experiment number');
    expect(cli(['--id', '1', '--jobs', '0']).code).toBe(2);
    expect(cli(['--id', '1', '--bogus']).code).toBe(2);
    const badRng = cli(['--id', '7', '--rng', 'mt19937']);
    expect(badRng.code).toBe(2);
    expect(badRng.stderr).toContain('mt19937');
    const negative = cli(['--id', '7', '--rng', 'numpy', '--seed', '-1']);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('non-negative --seed, got -1');
  });

  it('caps --jobs at the CPUs Node can use, saying so', () => {
    const r = cli(['--id', '6', '--quick', '--jobs', '999', '--out', join(root, 'jobs-capped')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/--jobs 999 is more than the \d+ CPUs Node can use here \(os\.availableParallelism\(\)\); using \d+/);
    expect(r.stderr).not.toContain('999 jobs');
  });

  it('writes byte-identical outputs with --jobs 1 and 2, repeated and comma-listed ids', async () => {
    const one = join(root, 'jobs1');
    const two = join(root, 'jobs2');
    const a = cli(['--id', '1,10', '--id', '6', '--quick', '--jobs', '1', '--out', one]);
    expect(a.code, a.stderr).toBe(0);
    const b = cli(['--id', '10', '--id', '1,6', '--quick', '--jobs', '2', '--out', two]);
    expect(b.code, b.stderr).toBe(0);
    const s1 = await snapshot(one);
    const s2 = await snapshot(two);
    expect([...s1.keys()].sort()).toEqual([...s2.keys()].sort());
    expect([...s1.keys()].some((k) => k.endsWith('exp10/compounding_errors.csv'))).toBe(true);
    for (const [k, v] of s1) expect(s2.get(k), k).toBe(v);
    // Plain progress lines, not bars, when stderr is not a terminal.
    expect(a.stderr).toContain('exp10 fits: 36/36 done');
    expect(a.stderr).not.toMatch(/[█░]/);
    // The figure pages find the shared plotly copy.
    const html = s1.get('/experiments/exp1/empirical_error.html')!;
    expect(html).toContain('<script src="../../plotly.js"></script>');
    expect((await readdir(one)).sort()).toEqual(['experiments', 'plotly.js']);
  });

  it('produces the same numbers whatever the seed for deterministic experiments, recording the seed', async () => {
    const out = join(root, 'seed7');
    expect(cli(['--id', '10', '--seed', '7', '--out', out]).code).toBe(0);
    const csv7 = await readFile(join(out, 'experiments/exp10/compounding_errors.csv'), 'utf8');
    const csv42 = await readFile(join(root, 'jobs1/experiments/exp10/compounding_errors.csv'), 'utf8');
    expect(csv7).toBe(csv42);
    const summary = JSON.parse(await readFile(join(out, 'experiments/exp10/summary.json'), 'utf8'));
    expect(summary).toMatchObject({ experiment: 10, quick: false, seed: 7 });
  });

  it('exits non-zero when an experiment fails', async () => {
    const blocker = join(root, 'not-a-dir');
    await writeFile(blocker, 'x');
    const r = cli(['--id', '1', '--out', blocker]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('exp1 FAILED');
    expect(r.stderr).toContain('1 of 1 experiment(s) failed: 1');
  });
});
