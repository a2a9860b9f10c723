import { describe, expect, it } from 'vitest';
import { runFit, type FitOutcome } from '../../src/cli/fit-core.ts';
import { formatJson, formatSummary, type RunReport } from '../../src/cli/output.ts';
import { lbfgsbStopMessage, type LbfgsbDiagnostics } from '../../src/optim/index.ts';
import { sampleIsoflops } from '../../src/sampling/index.ts';
import { SURFACES } from '../../src/surface/index.ts';

const s = sampleIsoflops(SURFACES.chinchilla, { W: Math.log10(8) });
const input = { N: s.N, D: s.D, L: s.L, groups: s.C };
const spec = { method: 'vpnls', optimizer: 'lbfgsb', objective: 'mse', huberDelta: 1, lse: false, logLoss: false, gridSize: null } as const;

function report(outcome: FitOutcome): RunReport {
  return {
    outcome,
    scales: { n: 1, d: 1 },
    data: { source: 'test.csv', nPoints: 75, nGroups: 5, groupedBy: 'budget column "budget"', filters: [], largestBudget: 1e21, targetRule: 'given' },
    grids: [],
    bias: null,
    bootstrap: null,
  };
}

/** A real VPNLS outcome whose optimiser is made to have stopped abnormally with the given diagnostics. */
function abnormalOutcome(lastRelativeChange: number): FitOutcome {
  const o = runFit(input, spec, { n: 1, d: 1 }, 1e24);
  const d: LbfgsbDiagnostics = {
    reason: 'line_search_failed',
    projectedGradientNorm: 3.1e-9,
    lastRelativeChange,
    lineSearchRestarts: 1,
    factorizationRestarts: 0,
    skippedUpdates: 0,
    warningSteps: 0,
    lastLineSearchTask: 'convergence',
    longFinalLineSearch: false,
  };
  const fit = o.surfaceFit!;
  const message = lbfgsbStopMessage(d, 'RSS');
  return {
    ...o,
    status: 'abnormal',
    message,
    surfaceFit: { ...fit, status: 'abnormal', message, diagnostics: { ...fit.diagnostics, projGradInf: 3.1e-9, lastRelChange: lastRelativeChange } },
  };
}

describe('CLI output of an abnormal L-BFGS-B stop', () => {
  it('prints the plain-words message with ‖proj g‖∞ and the last relative change on the status line', () => {
    const text = formatSummary(report(abnormalOutcome(2.2e-15)));
    expect(text).toContain(
      '  status   abnormal: ABNORMAL: the line search could not lower the RSS further (‖proj g‖∞ = 3.1e-9, ' +
        'last relative change of the RSS 2.2e-15): the fit stopped at the rounding floor of the RSS; the estimate is kept',
    );
  });

  it('writes the message and optimizer_diagnostics in --json, NaN as null', () => {
    const j = JSON.parse(formatJson(report(abnormalOutcome(2.2e-15))));
    expect(j.status).toBe('abnormal');
    expect(j.message).toMatch(/rounding floor of the RSS; the estimate is kept$/);
    expect(j.optimizer_diagnostics).toEqual({ proj_grad_inf: 3.1e-9, last_rel_change: 2.2e-15 });
    const none = JSON.parse(formatJson(report(abnormalOutcome(NaN))));
    expect(none.optimizer_diagnostics).toEqual({ proj_grad_inf: 3.1e-9, last_rel_change: null });
    expect(none.message).toMatch(/the starting point is kept as the estimate, which may not be the optimum$/);
  });
});
