/**
 * `npm run bench [-- --quick] [--case NAME]… [--json] [--out DIR] [--e2e]`
 *
 * Times the WebAssembly kernels against their TypeScript twins and the fits
 * (specs/performance.md), prints a markdown table and writes
 * <out>/bench/bench.json. Exits 1 if any WebAssembly answer disagrees with
 * its twin (the report is still written), 2 on a usage error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { runBench, type BenchRun } from './bench.ts';
import { machineLine, resultsTable, scalingTable, targetsTable } from './report.ts';

async function parse(argv: readonly string[]) {
  return yargs([...argv])
    .scriptName('npm run bench --')
    .option('quick', { type: 'boolean', default: false, describe: 'run every case briefly (CI smoke test)' })
    .option('case', { type: 'string', array: true, default: [] as string[], describe: 'run only this case (repeatable)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the JSON report only' })
    .option('out', { type: 'string', default: 'results', describe: 'output root; the report goes to <out>/bench/bench.json' })
    .option('e2e', { type: 'boolean', default: false, describe: 'also time `npm run exp -- --all` and `npm run article`' })
    .strict()
    .help()
    .version(false)
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new RangeError(msg);
    })
    .parseAsync();
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Awaited<ReturnType<typeof parse>>;
  try {
    args = await parse(argv);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (args.help) return 0;

  const log = (m: string): void => {
    if (!args.json) process.stderr.write(`bench: ${m}\n`);
  };
  let run: BenchRun;
  try {
    run = await runBench({ quick: args.quick, cases: args.case, e2e: args.e2e, log });
  } catch (e) {
    if (e instanceof RangeError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const dir = join(resolve(args.out), 'bench');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(run.report, null, 2)}\n`;
  writeFileSync(join(dir, 'bench.json'), json);
  if (args.json) {
    process.stdout.write(json);
  } else {
    const rows = run.report.cases;
    process.stdout.write(
      [
        machineLine(run.report.machine, run.loadStart),
        '',
        resultsTable(run.printed),
        '',
        'Scaling (WASM): cost per candidate·point as the grid and the data grow.',
        '',
        scalingTable(rows),
        '',
        'Targets (specs/performance.md):',
        '',
        targetsTable(rows),
        '',
        `Written: ${join(dir, 'bench.json')}`,
        '',
      ].join('\n'),
    );
  }
  for (const f of run.failures) process.stderr.write(`bench: MISMATCH ${f}\n`);
  return run.failures.length > 0 ? 1 : 0;
}

main(hideBin(process.argv)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
