// Browser example: load the WebAssembly core by URL, sample IsoFLOP data
// from a known surface, fit VPNLS and show the parameters next to the truth.
// Serve the repository root (npx tsx examples/browser/serve.ts) and open
// http://127.0.0.1:8080/examples/browser/ after `npm run build`.
import { BIASES, Rng, SURFACES, dOpt, fitVpnls, initKernels, nOpt, sampleIsoflops, tsKernels } from '../../dist/index.js';

const status = document.getElementById('status');
const table = document.getElementById('result');

function fmt(x) {
  return Math.abs(x) >= 1e5 ? x.toExponential(4) : String(Number(x.toPrecision(6)));
}

async function run() {
  // backend 'wasm' fails loudly rather than falling back to the TypeScript kernels.
  const kernels = await initKernels({ backend: 'wasm', source: new URL('../../build/release.wasm', import.meta.url) });
  const backend = kernels === tsKernels ? 'TypeScript' : 'WebAssembly';
  const truth = SURFACES.asymmetric;
  const data = sampleIsoflops(truth, { W: Math.log10(8), bias: BIASES.drift_3x, noiseStd: 0.005, rng: new Rng(7) });
  const t0 = performance.now();
  const fit = fitVpnls(data.N, data.D, data.L);
  const ms = performance.now() - t0;
  const C = 1e24;
  const rows = [
    ['E', truth.E, fit.E],
    ['A', truth.A, fit.A],
    ['B', truth.B, fit.B],
    ['α', truth.alpha, fit.alpha],
    ['β', truth.beta, fit.beta],
    ['N* at 10²⁴ FLOPs', nOpt(truth, C), nOpt(fit, C)],
    ['D* at 10²⁴ FLOPs', dOpt(truth, C), dOpt(fit, C)],
  ];
  table.querySelector('tbody').innerHTML = rows.map(([name, t, f]) => `<tr><td>${name}</td><td>${fmt(t)}</td><td>${fmt(f)}</td></tr>`).join('');
  table.hidden = false;
  status.textContent = `${fit.method}: ${fit.status} in ${ms.toFixed(1)} ms on ${data.N.length} points (${backend} kernels).`;
  const result = { backend, method: fit.method, status: fit.status, E: fit.E, A: fit.A, B: fit.B, alpha: fit.alpha, beta: fit.beta, nPoints: fit.nPoints };
  document.body.dataset.result = JSON.stringify(result);
  document.body.dataset.state = 'done';
}

run().catch((err) => {
  status.textContent = `Failed: ${err instanceof Error ? err.message : String(err)}`;
  status.className = 'error';
  document.body.dataset.state = 'error';
  document.body.dataset.error = String(err?.stack ? err.stack : err);
});
