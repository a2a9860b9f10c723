/**
 * The `fit` command as a library (Node only: it reads files and starts
 * worker threads): `import { main } from 'scaling-fit/cli'`.
 */
export { main, nodeIo, groupGrids, STDIN_LABEL, type CliIo } from './main.ts';
export { parseCommandLine, COMMAND_NAME, DEFAULT_TARGET_FACTOR, type CliOptions, type ParsedCommandLine } from './args.ts';
export {
  runFit,
  quantities,
  unscaleSurface,
  QUANTITY_KEYS,
  METHOD_NAMES,
  type FitInput,
  type FitOutcome,
  type MethodSpec,
  type MethodName,
  type QuantityKey,
  type Scales,
} from './fit-core.ts';
export { bootstrapFit, percentileInterval, resampleIndices, groupRowIndices, type BootstrapOptions, type BootstrapSummary } from './bootstrap.ts';
export { formatJson, formatSummary, jsonRecord, type RunReport } from './output.ts';
export { reportHtml, reportFigures } from './report.ts';
export { EXIT_OK, EXIT_INPUT, EXIT_INTERNAL, UsageError } from './errors.ts';
