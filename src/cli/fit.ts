#!/usr/bin/env node
/**
 * Entry point of the `fit` command: `npm run fit -- FILE.csv [options]`
 * (sources, through tsx) or `scaling-fit FILE.csv [options]` (the package
 * bin, compiled to dist/cli/fit.js). Everything else is in ./main.ts.
 */
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
