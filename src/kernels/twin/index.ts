import type { Kernels } from '../types.ts';
import { checkFinite } from '../../core/validate.ts';
import { checkDiff, checkGridAxes, checkLossInputs, checkOut, checkParams, checkSurface } from '../checks.ts';
import { vpnlsGridTs } from './vpnls-grid.ts';
import { vpnlsPointTs } from './vpnls-point.ts';
import { jacobian5Ts, lossBatchTs, rss5Ts, rssGradient5Ts } from './loss.ts';
import { approach3GridTs, approach3ObjectiveTs } from './approach3.ts';
import { checkApproach3Axes, checkApproach3Theta } from '../checks.ts';

/** The pure-TypeScript kernels: reference, baseline and fallback. */
export const tsKernels: Kernels = {
  backend: 'ts',
  lossBatch(surface, N, D, out) {
    checkSurface(surface);
    checkLossInputs(N, D);
    return lossBatchTs(surface, N, D, checkOut('out', out, N.length));
  },
  vpnlsGrid(data, alphas, betas, options = {}) {
    checkGridAxes(alphas, betas);
    return vpnlsGridTs(data, alphas, betas, options.surface ?? false);
  },
  vpnlsPoint(data, alpha, beta, inner) {
    checkFinite('alpha', alpha);
    checkFinite('beta', beta);
    return vpnlsPointTs(data, alpha, beta, inner);
  },
  rss5(data, p, grad) {
    checkParams(p);
    if (grad) checkOut('grad', grad, 5);
    return rss5Ts(data, p, grad);
  },
  jacobian5(data, p, diff, out) {
    checkParams(p);
    checkDiff(diff);
    return jacobian5Ts(data, p, diff, checkOut('out', out, data.n * 5));
  },
  rssGradient5(data, p, diff, grad) {
    checkParams(p);
    checkDiff(diff);
    return rssGradient5Ts(data, p, diff, checkOut('grad', grad, 5));
  },
  approach3Grid(data, axes) {
    checkApproach3Axes(axes);
    return approach3GridTs(data, axes);
  },
  approach3Objective(data, mode, theta, grad) {
    checkApproach3Theta(mode, theta);
    return approach3ObjectiveTs(data, mode, theta, checkOut('grad', grad, 5));
  },
};
