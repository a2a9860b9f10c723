import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CSV, runMain, spawnTsxCli } from './helpers.ts';

let dir: string;
const file = (name: string): string => join(dir, name);

/** 15 good rows (lines 2–16), then "abc" as the loss on line 17. */
function csvWithBadCell(): string {
  const rows = ['params,tokens,loss'];
  for (let i = 0; i < 15; i++) rows.push(`${1e8 * (i + 1)},${1e10 / (i + 1)},${(3 - i * 0.01).toFixed(3)}`);
  rows.push('2e9,5e8,abc');
  return `${rows.join('\n')}\n`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scaling-fit-cli-'));
  await writeFile(file('empty.csv'), '');
  await writeFile(file('header-only.csv'), 'params,tokens,loss\n');
  await writeFile(file('no-loss.csv'), 'params,tokens,flops\n1e8,1e10,6e18\n2e8,5e9,6e18\n');
  await writeFile(file('bad-cell.csv'), csvWithBadCell());
  await writeFile(file('negative.csv'), 'params,tokens,loss\n1e8,1e10,3.1\n-2e8,5e9,3.0\n');
  await writeFile(file('duplicate.csv'), 'params,tokens,Loss,loss\n1e8,1e10,3.1,3.1\n');
  await writeFile(
    file('two-points.csv'),
    'params,tokens,budget,loss\n' +
      '1e8,1e10,6e18,3.05\n2e8,5e9,6e18,3.00\n4e8,2.5e9,6e18,3.04\n8e8,1.25e9,6e18,3.12\n' +
      '1e8,1e11,6e19,2.60\n3e8,3.3e10,6e19,2.55\n',
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** One line on stderr, exit code 2, nothing on stdout. */
async function expectInputError(argv: string[], ...fragments: string[]): Promise<string> {
  const r = await runMain(argv);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^scaling-fit: error: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const f of fragments) expect(r.stderr).toContain(f);
  return r.stderr;
}

describe('fit: bad input gives one line on stderr and exit code 2', () => {
  it('missing file', () => expectInputError([file('nope.csv')], `${file('nope.csv')}: file not found`));
  it('empty file', () => expectInputError([file('empty.csv')], 'file is empty'));
  it('header without rows', () => expectInputError([file('header-only.csv')], 'has a header but no data rows'));
  it('missing loss column', () => expectInputError([file('no-loss.csv')], 'no loss column', '"params", "tokens", "flops"'));
  it('non-numeric cell, with row and column', () => expectInputError([file('bad-cell.csv')], 'row 17, column loss: "abc" is not a number'));
  it('negative params', () => expectInputError([file('negative.csv')], 'row 3, column params: "-2e8" must be positive'));
  it('duplicate header', () => expectInputError([file('duplicate.csv')], 'duplicate column name: "Loss" (column 3) and "loss" (column 4)'));
  it('a budget with two points (Approach 2)', () =>
    expectInputError([file('two-points.csv'), '--method', 'approach2'], 'Approach 2: the IsoFLOP group C = 6e19 has 2 points; a parabola needs at least 3'));
  it('data that no fit can use names the file', () =>
    expectInputError([file('two-points.csv'), '--method', 'approach2'], `${file('two-points.csv')}: Approach 2:`));
  it('a where filter that matches nothing', () => expectInputError([EXAMPLE_CSV, '--where', 'budget=7'], 'no row has budget = "7"'));
  it('filters that leave no row', () => expectInputError([EXAMPLE_CSV, '--max-compute', '1e10'], 'no rows left after filtering'));
  it('an explicit column that is not there', () => expectInputError([EXAMPLE_CSV, '--params-col', 'size'], 'no column "size"'));
  it('a directory instead of a file', () => expectInputError([dir], 'is a directory'));
  it('too few points for a surface fit', () =>
    expectInputError([file('two-points.csv'), '--drop-highest-loss', '1'], '5 data points but the fit needs at least 6'));
  it('an unwritable report path', () =>
    expectInputError([EXAMPLE_CSV, '--report', join(dir, 'no-such-folder', 'r.html')], 'cannot write the report', 'folder does not exist'));

  describe('bad command lines', () => {
    const cases: Array<[string, string[], string]> = [
      ['unknown flag', ['--bogus'], 'Unknown argument: bogus'],
      ['unknown method', ['--method', 'approach4'], '--method must be one of vpnls, approach2, approach3, grid; got "approach4"'],
      ['non-numeric flag value', ['--max-compute', 'lots'], '--max-compute: "lots" is not a number'],
      ['negative scale', ['--n-scale', '-1'], '--n-scale must be positive'],
      ['fractional drop count', ['--drop-highest-loss', '1.5'], '--drop-highest-loss must be a non-negative integer'],
      ['bad where', ['--where', 'budget'], '--where expects COLUMN=VALUE'],
      ['Approach 3 option with VPNLS', ['--lse'], '--lse does not apply to --method vpnls'],
      ['optimizer with Approach 2', ['--method', 'approach2', '--optimizer', 'nelder-mead'], '--optimizer does not apply to --method approach2'],
      ['Nelder-Mead with Approach 3', ['--method', 'approach3', '--optimizer', 'nelder-mead'], 'uses L-BFGS-B only'],
      ['huber delta without huber', ['--method', 'approach3', '--huber-delta', '0.1'], '--huber-delta needs --objective huber'],
      ['huge 5-D grid', ['--method', 'grid', '--grid-size', '40'], '--grid-size must be an integer from 2 to 16'],
      ['one replicate', ['--bootstrap', '1'], '--bootstrap must be 0 or an integer from 2'],
      ['seed without bootstrap', ['--seed', '3'], '--seed only applies with --bootstrap K'],
      ['level out of range', ['--bootstrap', '10', '--level', '95'], '--level must be between 0 and 1'],
      ['min ≥ max compute', ['--min-compute', '1e20', '--max-compute', '1e19'], '--min-compute (1e20) must be below --max-compute (1e19)'],
      ['a flag given twice', ['--method', 'vpnls', '--method', 'grid'], '--method was given 2 times'],
    ];
    for (const [label, argv, text] of cases) {
      it(label, () => expectInputError([EXAMPLE_CSV, ...argv], text, '(see --help)'));
    }
    it('two input files', () => expectInputError([EXAMPLE_CSV, EXAMPLE_CSV], 'give one input file, got 2'));
    it('no input on a terminal', () => expectInputError([], 'no input: give a CSV file'));
  });

  it('prints the stack after the line with --verbose', async () => {
    const r = await runMain([file('bad-cell.csv'), '--verbose']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toContain('row 17, column loss: "abc" is not a number');
    expect(lines.length).toBeGreaterThan(2);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('fit: the real command (tsx, separate process)', () => {
  it('exits 2 with one line and no stack for a bad cell', async () => {
    const r = await spawnTsxCli([file('bad-cell.csv')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`scaling-fit: error: ${file('bad-cell.csv')}: row 17, column loss: "abc" is not a number\n`);
  });

  it('exits 2 for a usage error and 0 for --help', async () => {
    const [bad, help] = await Promise.all([spawnTsxCli(['--method', 'nope', EXAMPLE_CSV]), spawnTsxCli(['--help'])]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--bootstrap');
  });

  it('reads stdin and exits 0', async () => {
    const { readFile } = await import('node:fs/promises');
    const r = await spawnTsxCli(['--json', '--method', 'approach2'], { stdin: await readFile(EXAMPLE_CSV, 'utf8') });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.method).toBe('approach2');
    expect(j.data.source).toBe('<stdin>');
  });

  it('reports bad stdin with the <stdin> label', async () => {
    const r = await spawnTsxCli([], { stdin: 'params,tokens\n1,2\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'scaling-fit: error: <stdin>: no loss column: expected one named "loss" (any case) or an explicit column name; the columns are "params", "tokens"\n',
    );
  });
});
