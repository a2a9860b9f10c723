/**
 * The public API is a decision: the names the library entries export, with
 * their declarations, are checked in as api/scaling-fit.api.d.ts and must
 * match what the sources export now.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiReport, REPORT_FILE } from '../../api/report.ts';

describe('API report (api/scaling-fit.api.d.ts)', () => {
  let report = '';
  // Compiling the declarations takes a while on a loaded machine.
  beforeAll(() => {
    report = apiReport();
  }, 300_000);

  it('matches the public surface of the sources', () => {
    const checkedIn = readFileSync(REPORT_FILE, 'utf8');
    expect(report, 'the public API changed: review the difference, then run `npm run api` to accept it (it rewrites api/scaling-fit.api.d.ts)').toBe(checkedIn);
  });

  it('keeps internals out of the main entry and ml-matrix behind scaling-fit/analysis', () => {
    const main = report.slice(0, report.indexOf('// ---- scaling-fit/analysis'));
    for (const internal of ['toNatural', 'fitMessage', 'MoreThuente', 'prepareData', 'checkNDL', 'lbfgsb', 'symmetricSpectrum', 'wasmKernels']) {
      expect(main, internal).not.toMatch(new RegExp(`^(function|const|class|interface|type) ${internal}\\b`, 'm'));
    }
    const values = main.match(/^(function|const|class) \w+/gm) ?? [];
    expect(values.length).toBeGreaterThanOrEqual(30);
    expect(values.length).toBeLessThanOrEqual(60);
    expect(report).toMatch(/^function conditioningAtTruth\(/m);
  });
});
