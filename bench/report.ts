/** Markdown for stdout and bench/README.md: the machine line, the results, the scaling sweep and the targets. */
import { cpus, loadavg } from 'node:os';
import type { CaseRow, Machine, PrintedRow } from './types.ts';

export function machine(): Machine {
  const c = cpus();
  return { cpu: c[0]?.model.trim() ?? 'unknown', cores: c.length, node: process.version };
}

export function machineLine(m: Machine, loadStart: number): string {
  return (
    `Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}; library from its TypeScript sources through tsx; ` +
    `1-min load average ${loadStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end.`
  );
}

/** A time in ms with a unit that keeps 2–3 significant digits. */
export function fmtMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

function fmtPerUnit(ns: number | null, unit: string): string {
  if (ns === null) return '—';
  if (ns < 1000) return `${ns.toPrecision(3)} ns/${unit}`;
  return `${fmtMs(ns / 1e6)}/${unit}`;
}

const key = (r: CaseRow): string => r.name;

/** TS median / WASM median of the same case, on the WASM row. */
function ratio(row: CaseRow, rows: readonly CaseRow[]): string {
  if (row.impl !== 'wasm' || row.median_ms === null) return '';
  const ts = rows.find((r) => key(r) === key(row) && r.impl === 'ts');
  return ts?.median_ms ? `${(ts.median_ms / row.median_ms).toFixed(1)}×` : '';
}

export function resultsTable(printed: readonly PrintedRow[]): string {
  const rows = printed.map((p) => p.row);
  const lines = [
    '| case | impl | median | min | max | runs | per unit | TS/WASM | WASM checked against the twin |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const p of printed) {
    const r = p.row;
    const extra = [r.peak_rss_mb !== undefined ? `peak RSS ${r.peak_rss_mb.toFixed(0)} MB` : '', r.note ?? ''].filter(Boolean).join('; ');
    const check = [p.check, extra].filter(Boolean).join('; ');
    lines.push(
      `| ${r.name} | ${r.impl} | ${fmtMs(r.median_ms)} | ${fmtMs(r.min_ms)} | ${fmtMs(r.max_ms)} | ${r.runs} | ${fmtPerUnit(r.ns_per_unit, p.unit)} | ${ratio(r, rows)} | ${check} |`,
    );
  }
  return lines.join('\n');
}

/** WASM grid rows by size: cost per candidate·point should stay flat as the grid and the data grow. */
export function scalingTable(rows: readonly CaseRow[]): string {
  const grid = rows
    .map((r) => ({ r, m: /^vpnls_grid_(\d+)_n(\d+)$/.exec(r.name) }))
    .filter((x) => x.m && x.r.impl === 'wasm' && x.r.median_ms !== null)
    .map((x) => ({ r: x.r, side: Number(x.m![1]), n: Number(x.m![2]) }))
    .sort((a, b) => a.n - b.n || a.side - b.side);
  const lines = ['| grid | points | candidates × points | median | ns per candidate·point |', '|---:|---:|---:|---:|---:|'];
  for (const { r, side, n } of grid) {
    lines.push(`| ${side}² | ${n} | ${r.work.toExponential(2)} | ${fmtMs(r.median_ms)} | ${r.ns_per_unit!.toFixed(3)} |`);
  }
  return lines.join('\n');
}

interface Target {
  readonly what: string;
  readonly target: string;
  readonly measured: (rows: readonly CaseRow[]) => { text: string; met: boolean | null } | null;
}

const med = (rows: readonly CaseRow[], name: string, impl = 'wasm'): number | null => rows.find((r) => r.name === name && r.impl === impl)?.median_ms ?? null;

function under(rows: readonly CaseRow[], name: string, limitMs: number): { text: string; met: boolean } | null {
  const m = med(rows, name);
  return m === null ? null : { text: fmtMs(m), met: m <= limitMs };
}

/** The targets of specs/performance.md against this run's medians. */
const TARGETS: readonly Target[] = [
  { what: '256² grid, 75 points, WASM, warm', target: '≤ 1.5 ms', measured: (r) => under(r, 'vpnls_grid_256_n75', 1.5) },
  {
    what: '256² grid: WASM vs its TS twin',
    target: '≥ 5× faster',
    measured: (r) => {
      const w = med(r, 'vpnls_grid_256_n75');
      const t = med(r, 'vpnls_grid_256_n75', 'ts');
      return w && t ? { text: `${(t / w).toFixed(1)}×`, met: t / w >= 5 } : null;
    },
  },
  { what: '1024² grid, 75 points, one thread', target: '≤ 25 ms', measured: (r) => under(r, 'vpnls_grid_1024_n75', 25) },
  {
    what: '1024² grid, 75 points, 2 worker threads',
    target: 'report',
    measured: (r) => (med(r, 'vpnls_grid_1024_n75_2threads') === null ? null : { text: fmtMs(med(r, 'vpnls_grid_1024_n75_2threads')), met: null }),
  },
  { what: 'default VPNLS fit (L-BFGS-B), 75 points', target: '≤ 1 ms', measured: (r) => under(r, 'fit_vpnls_lbfgsb_n75', 1) },
  { what: 'grid-seeded Approach 3 fit, 75 points', target: '≤ 5 ms', measured: (r) => under(r, 'fit_approach3_n75', 5) },
  { what: 'cold start: fresh process, instantiate + first 256² grid', target: '≤ 15 ms', measured: (r) => under(r, 'cold_start_grid_256_n75', 15) },
  { what: 'all experiments, full mode', target: '≤ 5 min', measured: (r) => under(r, 'e2e_exp_all', 5 * 60_000) },
  { what: 'article build from existing results', target: '≤ 30 s', measured: (r) => under(r, 'e2e_article', 30_000) },
  {
    what: '1024² grid on 10,000 points, peak RSS',
    target: 'report',
    measured: (r) => {
      const row = r.find((x) => x.name === 'memory_grid_1024_n10000');
      return row?.peak_rss_mb === undefined ? null : { text: `${row.peak_rss_mb.toFixed(0)} MB`, met: null };
    },
  },
];

export function targetsTable(rows: readonly CaseRow[]): string {
  const lines = ['| what | target | median | met |', '|---|---|---:|---|'];
  for (const t of TARGETS) {
    const m = t.measured(rows);
    if (!m) continue;
    lines.push(`| ${t.what} | ${t.target} | ${m.text} | ${m.met === null ? '—' : m.met ? 'yes' : 'no'} |`);
  }
  return lines.join('\n');
}
