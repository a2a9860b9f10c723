/**
 * Peak memory of a large grid, run as a fresh `node` process so that the
 * peak belongs to this grid alone: a side² grid on n points (best cell
 * only), `runs` times. Reports the resident set before the first grid and
 * the process's peak resident set (resourceUsage().maxRSS). Prints one JSON line.
 * Usage: node --import tsx memory.ts <release.wasm> <side> <points> <runs>
 */
import { readFileSync } from 'node:fs';
import { kernelsFromModule, type GridResult } from '../../src/kernels/index.ts';
import { gridInputs, msSince } from './inputs.ts';

const [wasmPath, side, n, runs] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5])];
const { data, axis } = gridInputs(side, n);
const k = kernelsFromModule(readFileSync(wasmPath));
const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
const times: number[] = [];
const results: GridResult[] = [];
for (let r = 0; r < runs; r++) {
  const t0 = process.hrtime.bigint();
  const g = k.vpnlsGrid(data, axis, axis);
  times.push(msSince(t0));
  if (!Number.isFinite(g.rss)) throw new Error(`grid RSS ${g.rss}`);
  results.push(g);
}
const best = results[results.length - 1];
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ times, rssBeforeMb, peakRssMb, bestIndex: best.bestIndex, rss: best.rss, E: best.E, A: best.A, B: best.B })}\n`);
