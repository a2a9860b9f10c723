/**
 * Cold start, run as a fresh `node` process: read build/release.wasm,
 * compile and instantiate it, then the first and second side² grids.
 * Inputs are prepared before the clock starts; module loading of the
 * library is not timed. Prints one JSON line.
 * Usage: node --import tsx cold.ts <release.wasm> <side> <points>
 */
import { readFileSync } from 'node:fs';
import { kernelsFromModule } from '../../src/kernels/index.ts';
import { gridInputs, msSince } from './inputs.ts';

const [wasmPath, side, n] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const { data, axis } = gridInputs(side, n);
const t0 = process.hrtime.bigint();
const k = kernelsFromModule(readFileSync(wasmPath));
const instantiateMs = msSince(t0);
const t1 = process.hrtime.bigint();
const g = k.vpnlsGrid(data, axis, axis);
const firstGridMs = msSince(t1);
const t2 = process.hrtime.bigint();
const g2 = k.vpnlsGrid(data, axis, axis);
const secondGridMs = msSince(t2);
if (g2.bestIndex !== g.bestIndex) throw new Error('second grid disagrees with the first');
process.stdout.write(`${JSON.stringify({ instantiateMs, firstGridMs, secondGridMs, bestIndex: g.bestIndex, rss: g.rss, E: g.E, A: g.A, B: g.B })}\n`);
