/**
 * Command lines of the `envelope` and `compare` subcommands. Their own flags
 * (`--fix`, `--from`, `--envelope`, …) and the input files are taken out
 * here; everything else goes through the `fit` command's own parser, so the
 * column detection, the filters, the method, output and bootstrap options
 * are exactly `fit`'s, checked by the same code (specs/cli.md).
 */
import type { IsoflopData, IsoflopTableOptions } from '../data/isoflop-table.ts';
import { loadCsvFile, loadCsvText } from '../data/load.ts';
import { parseCommandLine, type CliOptions } from './args.ts';
import { UsageError } from './errors.ts';
import { parseFixList } from './fix.ts';

/** Where a subcommand reads and writes (a subset of `fit`'s CliIo in main.ts, which dispatches here). */
export interface SubcommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  readonly stdinIsTTY?: boolean;
  readonly stderrIsTTY?: boolean;
}

/** `fit` flags that take no value (every other `fit` flag takes one). */
const FIT_BOOLEAN_FLAGS = new Set(['json', 'lse', 'log-loss', 'verbose']);

export interface SubcommandSpec {
  /** Subcommand name, for messages. */
  readonly name: string;
  /** Input files: exactly this many positionals ("-" is stdin). */
  readonly files: number;
  /** Own flags that take a value. */
  readonly valueFlags: readonly string[];
  /** Own flags without a value. */
  readonly booleanFlags: readonly string[];
  /** Names `--fix` accepts. */
  readonly fixNames: readonly string[];
  /** Help text. */
  readonly help: string;
}

/** What a subcommand runs with. */
export interface SubcommandArgs {
  /** Input paths; null for stdin. */
  readonly files: readonly (string | null)[];
  readonly fix: Record<string, number>;
  /** Own flags: value flags map to their text, boolean flags to true. */
  readonly own: Readonly<Record<string, string | true>>;
  /** The `fit` flags given, parsed and checked by `fit`'s parser. */
  readonly shared: CliOptions;
  /** The `fit` flag names given (without dashes), e.g. to refuse ones that do not apply. */
  readonly sharedGiven: readonly string[];
}

export type ParsedSubcommand = { readonly kind: 'help'; readonly text: string } | { readonly kind: 'run'; readonly args: SubcommandArgs };

/**
 * Splits `argv` (after the subcommand's name) into its own flags, the input
 * files and `fit`'s flags, and parses the latter with `fit`'s parser.
 * @throws UsageError for a wrong number of files, a flag without its value, or anything `fit`'s parser refuses
 */
export async function parseSubcommand(argv: readonly string[], spec: SubcommandSpec): Promise<ParsedSubcommand> {
  const forwarded: string[] = [];
  const sharedGiven: string[] = [];
  const positionals: string[] = [];
  const fixRaw: string[] = [];
  const own: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--help' || token === '-h') return { kind: 'help', text: spec.help };
    if (!token.startsWith('--') || token === '--') {
      if (token !== '--') positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = token.slice(2, eq < 0 ? undefined : eq);
    const takeValue = (): string => {
      if (eq >= 0) return token.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`--${name} needs a value`);
      i++;
      return next;
    };
    if (name === 'fix') fixRaw.push(takeValue());
    else if (spec.valueFlags.includes(name)) {
      if (name in own) throw new UsageError(`--${name} was given twice; give it once`);
      own[name] = takeValue();
    } else if (spec.booleanFlags.includes(name)) own[name] = true;
    else {
      sharedGiven.push(name);
      forwarded.push(token);
      if (eq < 0 && !FIT_BOOLEAN_FLAGS.has(name) && argv[i + 1] !== undefined) forwarded.push(argv[++i]!);
    }
  }
  if (positionals.length !== spec.files) {
    const want = spec.files === 1 ? 'one input file (or "-" for stdin)' : `${spec.files} input files`;
    throw new UsageError(`${spec.name} takes ${want}, got ${positionals.length}${positionals.length > 0 ? `: ${positionals.join(' ')}` : ''}`);
  }
  const parsed = await parseCommandLine([...forwarded, positionals[0]!]);
  if (parsed.kind === 'help') return { kind: 'help', text: spec.help };
  return {
    kind: 'run',
    args: {
      files: positionals.map((p) => (p === '-' ? null : p)),
      fix: parseFixList(fixRaw.length === 0 ? undefined : fixRaw, spec.fixNames),
      own,
      shared: parsed.options,
      sharedGiven,
    },
  };
}

/**
 * Reads one input with `fit`'s column detection and filters (the same
 * options as `fit`'s loader in main.ts).
 * @param file a path, or null for stdin
 */
export async function loadSubcommandInput(
  file: string | null,
  o: CliOptions,
  io: { readStdin(): Promise<string>; readonly stdinIsTTY?: boolean },
): Promise<IsoflopData> {
  const table: IsoflopTableOptions = {
    columns: o.columns,
    where: o.where,
    ...(o.dropHighestLoss !== undefined ? { dropHighestLoss: o.dropHighestLoss } : {}),
    ...(o.minCompute !== undefined ? { minCompute: o.minCompute } : {}),
    ...(o.maxCompute !== undefined ? { maxCompute: o.maxCompute } : {}),
  };
  if (file !== null) return loadCsvFile(file, table);
  if (io.stdinIsTTY) throw new UsageError('no input: give a CSV file, or pipe CSV into stdin (use "-" to read stdin from the terminal)');
  return loadCsvText(await io.readStdin(), STDIN_SOURCE, table);
}

/** The label of data read from stdin (as `fit`'s). */
export const STDIN_SOURCE = '<stdin>';
