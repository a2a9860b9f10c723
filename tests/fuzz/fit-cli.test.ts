import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLUMN_ALIASES } from '../../src/data/columns.ts';
import { Rng } from '../../src/util/rng.ts';
import { runMain, type CliRun } from '../cli/helpers.ts';

// Fuzz suite for the `fit` command, run in-process (specs/cli.md): fast-check
// generates CSV files (column aliases, encodings, separators, number formats,
// bad cells, degenerate designs) and option sets, and every run must end in
// one of two ways:
//   exit 0: output without NaN or Infinity anywhere, finite JSON numbers,
//           E, A, B ≥ 0 for surface methods, and no zero-width bootstrap
//           interval unless the output carries a warning;
//   exit 2: nothing on stdout, one line on stderr, `scaling-fit: error: …`,
//           naming the file, a row, a column or a flag.
// Never exit 1, never a stack trace, never longer than PER_CASE_MS (checked
// after each case; a fit that never returns is caught by the test timeout).
// Every violation is collected, grouped by kind with the shortest input that
// showed it, and the test fails at the end listing them all. FUZZ_RUNS and
// FUZZ_SEED (environment) override the count and the seed; the seed of a run
// is printed in the summary line; FUZZ_LOG=FILE appends one JSON line per case.

/** Generated cases per run (the issue asks for ≥ 1000 within 60 s on two cores). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
/** The seed under CI=true (FUZZ_SEED overrides it). */
const CI_FUZZ_SEED = 20261206;
/** A case slower than this counts as a hang (the slowest measured is far below; see the summary line). */
const PER_CASE_MS = 5000;

type Method = 'vpnls' | 'approach2' | 'approach3' | 'grid';
const SURFACE_METHODS: ReadonlySet<string> = new Set(['vpnls', 'approach3', 'grid']);

// ---------------------------------------------------------------- designs

/** One of the values, with the given relative weights. */
function weighted<T>(...choices: Array<[T, number]>): fc.Arbitrary<T> {
  return fc.oneof(...choices.map(([v, weight]) => ({ weight, arbitrary: fc.constant(v) })));
}

type DesignKind = 'regular' | 'all_N_equal' | 'one_budget' | 'few_points' | 'increasing_loss' | 'magnitudes' | 'constant_loss';

const designArb = fc.record({
  kind: weighted<DesignKind>(
    ['regular', 12],
    ['all_N_equal', 1],
    ['one_budget', 1],
    ['few_points', 1],
    ['increasing_loss', 1],
    ['magnitudes', 2],
    ['constant_loss', 1],
  ),
  budgets: fc.integer({ min: 1, max: 5 }),
  perBudget: fc.integer({ min: 1, max: 8 }),
  /** log10 of a unit factor on N and D (N given in billions, tokens in trillions, …). */
  nUnit: fc.integer({ min: -12, max: 12 }),
  /** log10 of a factor on the losses. */
  lUnit: fc.integer({ min: -250, max: 250 }),
  noise: fc.constantFrom(0, 0, 0.002, 0.05),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});
type Design = typeof designArb extends fc.Arbitrary<infer T> ? T : never;

interface Run {
  N: number;
  D: number;
  C: number;
  budget: number;
  L: number;
  group: string;
}

/** Rows of a design: IsoFLOP curves of a random Chinchilla-like surface, bent into the design's degeneracy. */
function designRows(d: Design): Run[] {
  const rng = new Rng(d.seed);
  const s = {
    E: 1 + rng.uniform(),
    A: 100 + 900 * rng.uniform(),
    B: 100 + 900 * rng.uniform(),
    alpha: 0.2 + 0.4 * rng.uniform(),
    beta: 0.2 + 0.4 * rng.uniform(),
  };
  let budgets = d.kind === 'one_budget' ? 1 : d.budgets;
  let per = d.perBudget;
  if (d.kind === 'regular' || d.kind === 'magnitudes') {
    budgets = Math.max(2, budgets);
    per = Math.max(3, per);
  }
  const rows: Run[] = [];
  const fixedN = 10 ** (8 + 2 * rng.uniform());
  for (let k = 0; k < budgets; k++) {
    const C = 1e18 * 10 ** k;
    const nOpt = Math.sqrt(C / 120);
    for (let j = 0; j < per; j++) {
      const x = per === 1 ? 0 : -1 + (2 * j) / (per - 1);
      const N = d.kind === 'all_N_equal' ? fixedN : nOpt * 10 ** (0.8 * x);
      const D = C / (6 * N);
      let L = s.E + s.A * N ** -s.alpha + s.B * D ** -s.beta;
      if (d.kind === 'increasing_loss') L = 2 + 0.1 * Math.log10(N) + 0.01 * k;
      if (d.kind === 'constant_loss') L = 3;
      L *= Math.exp(d.noise * rng.normal());
      rows.push({ N, D, C, budget: C, L, group: rng.uniform() < 0.5 ? 'a' : 'b' });
    }
  }
  if (d.kind === 'few_points') rows.splice(1 + (d.seed % 5));
  const nf = d.kind === 'magnitudes' ? 10 ** d.nUnit : 1;
  const lf = d.kind === 'magnitudes' ? 10 ** d.lUnit : 1;
  return rows.map((r) => ({ ...r, N: r.N * nf, D: r.D * nf, C: r.C * nf * nf, budget: r.budget * nf * nf, L: r.L * lf }));
}

// ---------------------------------------------------------------- CSV text

const layoutArb = fc.record({
  bom: fc.boolean(),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  separator: weighted([',', 18], [';', 1], ['\t', 1]),
  /** Which of tokens and compute columns appear (at least one in the normal case). */
  dColumns: weighted(['tokens', 6], ['compute', 6], ['both', 6], ['neither', 1]),
  budgetColumn: fc.boolean(),
  /** Alias index per role, with random case and padding. */
  aliasPick: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
  aliasCase: fc.constantFrom('as-is', 'upper', 'lower'),
  padHeader: fc.boolean(),
  /** Custom header names given with --params-col and the like. */
  customNames: fc.boolean(),
  extraColumns: weighted([0, 1], [1, 2], [2, 1]),
  shuffle: fc.nat(),
  /** Per-cell number format choices are drawn from this seed. */
  formatSeed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  corruption: weighted(
    ['none', 60],
    ['empty', 2],
    ['nan', 2],
    ['inf', 2],
    ['negative', 2],
    ['zero', 2],
    ['text', 2],
    ['short_row', 1],
    ['drop_loss', 1],
    ['drop_params', 1],
    ['header_only', 1],
    ['empty_file', 1],
  ),
  stdin: fc.boolean(),
});
type Layout = typeof layoutArb extends fc.Arbitrary<infer T> ? T : never;

interface CsvCase {
  readonly text: string;
  /** Flags that name custom columns. */
  readonly columnFlags: string[];
  /** Extra text columns that --where can test. */
  readonly extra: string[];
}

function formatNumber(v: number, rng: Rng): string {
  const pick = Math.floor(rng.uniform() * 8);
  let t: string;
  switch (pick) {
    case 0:
      t = v.toExponential();
      break;
    case 1:
      t = v.toExponential(6).replace('e', 'E');
      break;
    case 2:
      t = v.toPrecision(12);
      break;
    case 3:
      t = `+${v}`;
      break;
    case 4:
      t = v.toExponential(3).replace(/e\+?/, 'e+');
      break;
    default:
      t = String(v);
  }
  if (rng.uniform() < 0.15) t = `  ${t} `;
  if (rng.uniform() < 0.1) t = `"${t}"`;
  return t;
}

function aliasFor(role: 'params' | 'tokens' | 'compute' | 'loss', pick: number, l: Layout): string {
  const names = COLUMN_ALIASES[role];
  let name = names[pick % names.length]!;
  if (l.aliasCase === 'upper') name = name.toUpperCase();
  if (l.aliasCase === 'lower') name = name.toLowerCase();
  return l.padHeader ? ` ${name} ` : name;
}

function csvCase(rows: Run[], l: Layout): CsvCase {
  const rng = new Rng(l.formatSeed);
  type Col = { header: string; cell: (r: Run) => string };
  const cols: Col[] = [];
  const columnFlags: string[] = [];
  const role = (r: 'params' | 'tokens' | 'compute' | 'loss', i: number, flag: string, value: (x: Run) => number): void => {
    let header = aliasFor(r, l.aliasPick[i]!, l);
    if (l.customNames) {
      header = `my ${r}`;
      columnFlags.push(flag, header);
    }
    cols.push({ header, cell: (x) => formatNumber(value(x), rng) });
  };
  if (l.corruption !== 'drop_params') role('params', 0, '--params-col', (x) => x.N);
  if (l.dColumns === 'tokens' || l.dColumns === 'both') role('tokens', 1, '--tokens-col', (x) => x.D);
  if (l.dColumns === 'compute' || l.dColumns === 'both') role('compute', 2, '--compute-col', (x) => x.C);
  if (l.corruption !== 'drop_loss') role('loss', 3, '--loss-col', (x) => x.L);
  if (l.budgetColumn) cols.push({ header: 'budget', cell: (x) => formatNumber(x.budget, rng) });
  const extra: string[] = [];
  if (l.extraColumns >= 1) {
    extra.push('group');
    cols.push({ header: 'group', cell: (x) => x.group });
  }
  if (l.extraColumns >= 2) {
    extra.push('note');
    cols.push({ header: 'note', cell: () => '"a, ""quoted"" note"' });
  }
  // Rotate the columns so the roles are not always in the same place.
  const k = cols.length === 0 ? 0 : l.shuffle % cols.length;
  const ordered = [...cols.slice(k), ...cols.slice(0, k)];
  const lines = [ordered.map((c) => c.header).join(l.separator)];
  for (const r of rows) lines.push(ordered.map((c) => c.cell(r)).join(l.separator));
  if (lines.length > 1 && ['empty', 'nan', 'inf', 'negative', 'zero', 'text', 'short_row'].includes(l.corruption)) {
    const row = 1 + Math.floor(rng.uniform() * (lines.length - 1));
    const cells = lines[row]!.split(l.separator);
    const c = Math.floor(rng.uniform() * cells.length);
    const bad = { empty: '', nan: 'NaN', inf: rng.uniform() < 0.5 ? 'inf' : '-Infinity', negative: '-5e3', zero: '0', text: 'n/a', short_row: '' }[
      l.corruption as 'empty'
    ];
    if (l.corruption === 'short_row') cells.pop();
    else cells[c] = bad;
    lines[row] = cells.join(l.separator);
  }
  if (l.corruption === 'header_only') lines.splice(1);
  let text = lines.join(l.crlf ? '\r\n' : '\n') + (l.finalNewline ? (l.crlf ? '\r\n' : '\n') : '');
  if (l.corruption === 'empty_file') text = '';
  if (l.bom) text = `\uFEFF${text}`;
  return { text, columnFlags, extra };
}

// ---------------------------------------------------------------- options

/** One bad flag and the flag name its error must mention. */
const INVALID_FLAGS: ReadonlyArray<{ readonly args: readonly string[]; readonly flag: string; readonly without?: readonly string[] }> = [
  { args: ['--bogus-flag'], flag: 'bogus-flag' },
  { args: ['--target-compute', '0'], flag: '--target-compute' },
  { args: ['--target-compute', '-1e24'], flag: '--target-compute' },
  { args: ['--target-compute', 'abc'], flag: '--target-compute' },
  { args: ['--target-compute', '1e400'], flag: '--target-compute' },
  { args: ['--bootstrap', '1'], flag: '--bootstrap' },
  { args: ['--bootstrap', '2', '--jobs', '1', '--seed', '-1'], flag: '--seed' },
  { args: ['--bootstrap', '2', '--jobs', '1', '--seed', '1.5'], flag: '--seed' },
  { args: ['--bootstrap', '2', '--jobs', '1', '--level', '1'], flag: '--level' },
  { args: ['--bootstrap', '2', '--jobs', '0'], flag: '--jobs' },
  { args: ['--n-scale', '0'], flag: '--n-scale' },
  { args: ['--d-scale', '-2'], flag: '--d-scale' },
  { args: ['--seed', '7'], flag: '--seed', without: ['--bootstrap', '--jobs', '--level'] },
  { args: ['--method', 'approach4'], flag: '--method' },
];

const optionsArb = fc.record({
  method: fc.constantFrom<Method>('vpnls', 'vpnls', 'vpnls', 'approach2', 'approach2', 'approach3', 'grid'),
  optimizer: fc.constantFrom('default', 'default', 'lbfgsb', 'nelder-mead', 'none'),
  approach3: fc.constantFrom('plain', 'plain', 'lse', 'log-loss', 'huber'),
  /** Index into the method's small grid sizes (null: the method's default, except VPNLS: 8). */
  gridSize: fc.constantFrom<number | null>(null, null, 0, 1, 2),
  target: fc.constantFrom<string | null>(null, null, null, '1e24', '3.5E+26', '1e19'),
  bootstrap: fc.constantFrom(0, 0, 0, 2, 3, 5),
  seed: fc.constantFrom<string | null>(null, '7', '123456'),
  level: fc.constantFrom<string | null>(null, null, '0.9', '0.5'),
  where: weighted<'none' | 'match' | 'nomatch' | 'nocolumn'>(['none', 14], ['match', 4], ['nomatch', 1], ['nocolumn', 1]),
  nScale: fc.constantFrom<string | null>(null, null, null, '1e9', '1e-6'),
  dScale: fc.constantFrom<string | null>(null, null, null, '1e12', '1e-3'),
  json: fc.constantFrom(true, true, true, false),
  /** Index into INVALID_FLAGS, or null (most cases): all flags valid. */
  invalid: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat({ max: INVALID_FLAGS.length - 1 }) }),
});
type Options = typeof optionsArb extends fc.Arbitrary<infer T> ? T : never;

const GRID_SIZES: Record<Method, readonly number[]> = { vpnls: [4, 8, 16], approach2: [], approach3: [2, 3, 4], grid: [3, 4, 6] };

function argvFor(o: Options, file: string, csv: CsvCase): string[] {
  const a = [file, '--method', o.method, ...csv.columnFlags];
  // Small grids keep the fits cheap; the contract does not depend on the grid size.
  const sizes = GRID_SIZES[o.method];
  if (sizes.length > 0 && (o.gridSize !== null || o.method === 'vpnls')) a.push('--grid-size', String(sizes[o.gridSize ?? 1]));
  if (o.method === 'vpnls' && o.optimizer !== 'default') a.push('--optimizer', o.optimizer);
  if (o.method === 'approach3') {
    if (o.approach3 === 'lse') a.push('--lse');
    if (o.approach3 === 'log-loss') a.push('--log-loss');
    if (o.approach3 === 'huber') a.push('--objective', 'huber');
  }
  if (o.target !== null) a.push('--target-compute', o.target);
  if (o.bootstrap > 0) {
    a.push('--bootstrap', String(o.bootstrap), '--jobs', '1');
    if (o.seed !== null) a.push('--seed', o.seed);
    if (o.level !== null) a.push('--level', o.level);
  }
  if (o.where === 'match' && csv.extra.length > 0) a.push('--where', `${csv.extra[0]}=a`);
  if (o.where === 'nomatch' && csv.extra.length > 0) a.push('--where', `${csv.extra[0]}=zzz`);
  if (o.where === 'nocolumn') a.push('--where', 'no_such_column=1');
  if (o.nScale !== null) a.push('--n-scale', o.nScale);
  if (o.dScale !== null) a.push('--d-scale', o.dScale);
  if (o.json) a.push('--json');
  if (o.invalid !== null) {
    // The bad flag replaces a valid one of the same name, so it is the only problem with the flags.
    const bad = INVALID_FLAGS[o.invalid]!;
    for (const name of new Set([...bad.args.filter((x) => x.startsWith('--')), ...(bad.without ?? [])])) {
      const i = a.indexOf(name);
      if (i >= 0) a.splice(i, 2);
    }
    a.push(...bad.args);
  }
  return a;
}

// ---------------------------------------------------------------- checks

/** A located error names the input, a row, a column or a flag. */
const LOCATED = /\.csv\b|<stdin>|\brow \d+|\bcolumns?\b|--[a-z][a-z-]+/;
/** An error that starts from the input: its file name or <stdin>. */
const INPUT_NAMED = /\.csv\b|<stdin>/;
/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at (?:.+ \()?(?:file:\/\/|node:|\/|[A-Za-z]:\\|<anonymous>).*:\d+:\d+\)?$/m;

function checkNumbers(value: unknown, path: string, problems: string[]): void {
  if (typeof value === 'number' && !Number.isFinite(value)) problems.push(`${path} = ${value}`);
  else if (Array.isArray(value)) value.forEach((v, i) => checkNumbers(v, `${path}[${i}]`, problems));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) checkNumbers(v, `${path}.${k}`, problems);
}

/** Zero-width intervals [lo, lo] in the bootstrap block. */
function zeroWidthIntervals(intervals: unknown, path: string, out: string[]): void {
  if (Array.isArray(intervals) && intervals.length === 2 && intervals.every((v) => typeof v === 'number')) {
    if (intervals[0] === intervals[1]) out.push(path);
  } else if (intervals !== null && typeof intervals === 'object') {
    for (const [k, v] of Object.entries(intervals)) zeroWidthIntervals(v, `${path}.${k}`, out);
  }
}

/** What is wrong with a run, or [] when it kept the contract. */
function violations(r: CliRun, o: Options, ms: number): string[] {
  const p: string[] = [];
  if (ms > PER_CASE_MS) p.push(`took ${ms.toFixed(0)} ms (limit ${PER_CASE_MS})`);
  if (STACK_LINE.test(r.stderr) || STACK_LINE.test(r.stdout)) p.push('stack trace in the output');
  if (r.code === 2) {
    const lines = r.stderr.split('\n').filter((s) => s !== '');
    if (r.stdout !== '') p.push('exit 2 with text on stdout');
    if (lines.length !== 1) p.push(`exit 2 with ${lines.length} stderr lines`);
    else if (!lines[0]!.startsWith('scaling-fit: error: ')) p.push(`error line without the prefix: ${lines[0]}`);
    else if (!LOCATED.test(lines[0]!)) p.push(`error names no file, row, column or flag: ${lines[0]}`);
    // A bad flag may be reported after a bad input file; one of the two must be named.
    else if (o.invalid !== null && !lines[0]!.includes(INVALID_FLAGS[o.invalid]!.flag) && !INPUT_NAMED.test(lines[0]!)) {
      p.push(`error names neither ${INVALID_FLAGS[o.invalid]!.flag} nor the input: ${lines[0]}`);
    }
    return p;
  }
  if (o.invalid !== null) p.push(`exit ${r.code} although ${INVALID_FLAGS[o.invalid]!.args.join(' ')} is invalid`);
  if (r.code !== 0) return [...p, `exit ${r.code}: ${r.stderr.trim()}`];
  if (/\bNaN\b|Infinity/.test(r.stdout)) p.push('NaN or Infinity in the output');
  if (!o.json) return p;
  let out: Record<string, unknown>;
  try {
    out = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    return [...p, 'stdout is not JSON'];
  }
  checkNumbers(out, 'json', p);
  if (SURFACE_METHODS.has(o.method)) {
    for (const k of ['E', 'A', 'B'] as const) {
      const v = out[k];
      if (typeof v !== 'number' || !(v >= 0)) p.push(`${k} = ${String(v)} (must be ≥ 0)`);
    }
  }
  const boot = out.bootstrap as { intervals?: unknown } | undefined;
  if (boot?.intervals !== undefined) {
    const zero: string[] = [];
    zeroWidthIntervals(boot.intervals, 'intervals', zero);
    const warnings = out.warnings;
    const warned = Array.isArray(warnings) && warnings.length > 0;
    if (zero.length > 0 && !warned) p.push(`zero-width intervals without a warning: ${zero.join(', ')}`);
  }
  return p;
}

// ---------------------------------------------------------------- the suite

/** Outcome class of a run, for the summary. */
function outcomeClass(r: CliRun, o: Options): string {
  if (r.code === 0) return `exit 0 ${o.method}`;
  if (r.code !== 2) return `exit ${r.code}`;
  const msg = r.stderr.trim().replace(/^scaling-fit: error: /, '');
  if (/\(see --help\)$/.test(msg)) return 'exit 2 flag';
  if (/\brow \d+/.test(msg)) return 'exit 2 row/cell';
  if (INPUT_NAMED.test(msg)) return 'exit 2 file/columns/filter';
  return 'exit 2 data/fit';
}

describe('fuzz checks: each kind of contract violation is caught', () => {
  const ok = { method: 'vpnls', json: true, invalid: null } as Options;
  const json = (o: Record<string, unknown>): string => `${JSON.stringify({ E: 1, A: 2, B: 3, alpha: 0.3, beta: 0.3, ...o })}\n`;
  const run = (code: number, stdout: string, stderr = ''): CliRun => ({ code, stdout, stderr });
  it('accepts a clean fit and a located error', () => {
    expect(violations(run(0, json({})), ok, 10)).toEqual([]);
    expect(violations(run(2, '', 'scaling-fit: error: data.csv: row 3, column loss: "x" is not a number\n'), ok, 10)).toEqual([]);
  });
  it('rejects NaN, negative E/A/B, unwarned zero-width intervals, exit 1, traces, unlocated or multi-line errors, and slow cases', () => {
    expect(violations(run(0, json({}).replace('"E":1', '"E":NaN')), { ...ok, json: false }, 10)).not.toEqual([]);
    expect(violations(run(0, json({ A: -1e22 })), ok, 10)).not.toEqual([]);
    expect(violations(run(0, json({ bootstrap: { intervals: { alpha: [0.3, 0.3] } } })), ok, 10)).not.toEqual([]);
    expect(violations(run(0, json({ bootstrap: { intervals: { alpha: [0.3, 0.3] } }, warnings: ['one run per group'] })), ok, 10)).toEqual([]);
    expect(violations(run(1, '', 'scaling-fit: error: boom\n'), ok, 10)).not.toEqual([]);
    expect(violations(run(2, '', 'scaling-fit: error: data.csv: bad\n    at run (file:///x/main.ts:1:2)\n'), ok, 10)).not.toEqual([]);
    expect(violations(run(2, '', 'scaling-fit: error: 1 data points but the fit needs at least 6\n'), ok, 10)).not.toEqual([]);
    expect(violations(run(2, '', 'scaling-fit: error: data.csv: bad\nmore\n'), ok, 10)).not.toEqual([]);
    expect(violations(run(0, json({})), ok, PER_CASE_MS + 1)).not.toEqual([]);
  });
});

describe('fuzz: the fit command on generated CSVs and options', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scaling-fit-fuzz-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`${RUNS} generated cases: exit 0 with finite, physical output or exit 2 with one located line; never a trace, NaN or hang`, async () => {
    const classes = new Map<string, number>();
    let slowest = { ms: 0, argv: [] as string[] };
    let count = 0;
    const failures = new Map<string, { count: number; example: string; size: number }>();
    const t0 = performance.now();
    // CI runs one fixed seed, so a landing is reproducible; elsewhere each run explores a new one.
    const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : process.env.CI === 'true' ? CI_FUZZ_SEED : Date.now() % 2 ** 31;
    await fc.assert(
      fc.asyncProperty(designArb, layoutArb, optionsArb, async (design, layout, options) => {
        const csv = csvCase(designRows(design), layout);
        const file = join(dir, `case-${count++}.csv`);
        if (!layout.stdin) writeFileSync(file, csv.text);
        const argv = argvFor(options, layout.stdin ? '-' : file, csv);
        const start = performance.now();
        const r = await runMain(argv, layout.stdin ? csv.text : undefined);
        const ms = performance.now() - start;
        if (ms > slowest.ms) slowest = { ms, argv };
        const cls = outcomeClass(r, options);
        if (process.env.FUZZ_LOG)
          appendFileSync(process.env.FUZZ_LOG, `${JSON.stringify({ cls, ms: Math.round(ms), argv: argv.slice(1), code: r.code, stderr: r.stderr.trim() })}\n`);
        classes.set(cls, (classes.get(cls) ?? 0) + 1);
        for (const v of violations(r, options, ms)) {
          // Grouped by the kind of violation (its text without the numbers and quoted values), keeping the shortest input.
          const kind = v
            .replace(/"[^"]*"/g, '"…"')
            .replace(/-?\d[\d.e+-]*/g, '#')
            .slice(0, 120);
          const example = `${v}\n  argv: ${JSON.stringify(argv.slice(1))}\n  csv: ${JSON.stringify(csv.text)}\n  stderr: ${r.stderr.trim().slice(0, 500)}`;
          const seen = failures.get(kind);
          if (!seen) failures.set(kind, { count: 1, example, size: csv.text.length });
          else {
            seen.count++;
            if (csv.text.length < seen.size) Object.assign(seen, { example, size: csv.text.length });
          }
        }
      }),
      { numRuns: RUNS, seed },
    );
    const total = (performance.now() - t0) / 1000;
    const byClass = [...classes]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    console.log(
      `fuzz (seed ${seed}): ${count} cases in ${total.toFixed(1)} s; ${byClass}; slowest ${slowest.ms.toFixed(0)} ms: ${slowest.argv.slice(1).join(' ')}`,
    );
    expect(count).toBeGreaterThanOrEqual(RUNS);
    const report = [...failures].map(([kind, f]) => `${f.count}× ${kind}\n  smallest: ${f.example}`);
    expect(report, `contract violations in ${count} cases (FUZZ_SEED=${seed} replays them):\n${report.join('\n')}`).toEqual([]);
  }, 60_000);
});
