import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchReport } from '../../bench/types.ts';

// Smoke test of `npm run bench -- --quick`: runs the benchmark in a child
// process (as CI would), then checks that every case ran on every backend
// it names and that every WebAssembly answer was checked against its twin.
// Timings are never asserted: this machine's load decides them.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const KERNEL_CASES = [
  'loss_eval_1e6',
  'vpnls_grid_32_n75',
  'vpnls_grid_256_n75',
  'vpnls_grid_1024_n75',
  'vpnls_grid_256_n1000',
  'vpnls_grid_256_n10000',
  'jacobian_fwd_n75',
  'jacobian_central_n75',
  'jacobian_fwd_n1000',
  'fit_vpnls_nm_n75',
  'fit_vpnls_lbfgsb_n75',
  'fit_approach3_n75',
  'approach3_grid4_n75',
  ...['rss', 'lse', 'logloss', 'huber'].flatMap((o) => [`approach3_objective_${o}_n75`, `fit_approach3_fused_${o}_n75`]),
  'bootstrap_vpnls_1000_n75',
];
const WASM_ONLY = [
  'vpnls_grid_64_n75',
  'vpnls_grid_128_n75',
  'vpnls_grid_512_n75',
  'vpnls_grid_256_n300',
  'vpnls_grid_256_n3000',
  'vpnls_grid_1024_n75_2threads',
  'cold_instantiate',
  'cold_start_grid_256_n75',
  'cold_second_grid_256_n75',
  'memory_grid_1024_n10000',
];

describe('npm run bench -- --quick', () => {
  let run: SpawnSyncReturns<string>;
  let report: BenchReport | null = null;

  // About 30 s on the 2-core reference machine under load; the limit leaves room.
  beforeAll(() => {
    const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
    try {
      run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--json', '--out', out], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 110_000,
        maxBuffer: 1 << 24,
      });
      report = JSON.parse(readFileSync(join(out, 'bench', 'bench.json'), 'utf8')) as BenchReport;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('exits 0 (every WebAssembly answer matched its twin) and prints the JSON it wrote', () => {
    expect(run.error).toBeUndefined();
    expect(run.stderr).not.toMatch(/MISMATCH|bench failed/);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(report);
  });

  it('reports the machine', () => {
    expect(report!.machine.cores).toBeGreaterThan(0);
    expect(report!.machine.cpu.length).toBeGreaterThan(0);
    expect(report!.machine.node).toBe(process.version);
  });

  it('runs every kernel and fit case once on WASM and once on the twin, and Approach 2', () => {
    const rows = report!.cases;
    for (const name of KERNEL_CASES) {
      expect(
        rows
          .filter((r) => r.name === name)
          .map((r) => r.impl)
          .sort(),
        name,
      ).toEqual(['ts', 'wasm']);
    }
    expect(rows.filter((r) => r.name === 'fit_approach2_n75').map((r) => r.impl)).toEqual(['ts']);
    for (const name of WASM_ONLY)
      expect(
        rows.filter((r) => r.name === name).map((r) => r.impl),
        name,
      ).toEqual(['wasm']);
  });

  it('checked every WASM row against the twin (the memory case is checked only in full runs)', () => {
    for (const r of report!.cases.filter((c) => c.impl === 'wasm' && c.name !== 'cold_instantiate')) {
      expect(r.checked_against, r.name).toBe(r.name === 'memory_grid_1024_n10000' ? null : 'ts');
    }
  });

  it('has the fields of specs/performance.md in every row, with positive timings', () => {
    for (const r of report!.cases) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(['name', 'impl', 'median_ms', 'min_ms', 'max_ms', 'runs', 'work', 'ns_per_unit', 'checked_against']),
      );
      expect(r.runs, r.name).toBeGreaterThan(0);
      expect(r.median_ms!, r.name).toBeGreaterThan(0);
      expect(r.min_ms!, r.name).toBeLessThanOrEqual(r.median_ms!);
      expect(r.max_ms!, r.name).toBeGreaterThanOrEqual(r.median_ms!);
      expect(r.ns_per_unit!, r.name).toBeCloseTo((r.median_ms! * 1e6) / r.work, 6);
    }
    expect(report!.cases.find((r) => r.name === 'memory_grid_1024_n10000')!.peak_rss_mb).toBeGreaterThan(0);
  });
});
