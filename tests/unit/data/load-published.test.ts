import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DataError,
  EPOCH_CHINCHILLA_REFERENCE_FILTER,
  groupKeys,
  loadEpochChinchillaRaw,
  loadIsoflopExperiment,
  type LoadDataOptions,
} from '../../../src/data/index.ts';
import { haveRealData, makeTempDir, removeDir, SHARED_DATA_DIR } from './helpers.ts';

const HAVE_DATA = haveRealData(
  [
    'epochai_chinchilla.csv',
    'llama_3_isoflops.csv',
    'epochai_chinchilla_isoflops.csv',
    'marin_202603_isoflops.csv',
    'misfitting_isoflops.csv',
    'ml_scalefit_isoflops.csv',
  ],
  'the loaders on the published data sets',
);

let cacheDir: string;
let offline: LoadDataOptions;
beforeAll(async () => {
  cacheDir = await makeTempDir();
  // Local copies only: never the network, never the user's environment or cache.
  offline = { dataDir: SHARED_DATA_DIR, cacheDir, env: {}, allowDownload: false };
});
afterAll(() => removeDir(cacheDir));

const distinct = (a: Float64Array): number => new Set(a).size;

describe.skipIf(!HAVE_DATA)('loadEpochChinchillaRaw', () => {
  it('loads all 245 points with D = C/(6N) and no budget column', async () => {
    const d = await loadEpochChinchillaRaw(offline);
    expect(d.N).toHaveLength(245);
    expect(d.budget).toBeNull();
    expect(d.source).toBe('epochai_chinchilla.csv');
    expect(d.rows[0]).toBe(2);
    expect(d.rows[244]).toBe(246);
    // first data line: Model Size 6795600349.289497, Training FLOP 9.993852799709755e+18, loss 5.005581996196243
    expect(d.N[0]).toBe(6795600349.289497);
    expect(d.C[0]).toBe(9.993852799709755e18);
    expect(d.L[0]).toBe(5.005581996196243);
    for (let i = 0; i < d.N.length; i++) expect(d.D[i]).toBe(d.C[i]! / (6 * d.N[i]!));
  });

  it('drops the 5 highest-loss points, leaving 240', async () => {
    const all = await loadEpochChinchillaRaw(offline);
    const d = await loadEpochChinchillaRaw({ ...offline, dropHighestLoss: 5 });
    expect(d.N).toHaveLength(240);
    const fifthHighest = [...all.L].sort((a, b) => b - a)[4]!;
    expect(Math.max(...d.L)).toBeLessThan(fifthHighest);
  });

  it('then keeps C < 1e21, leaving the 217-point reference set of specs/conventions.md §5', async () => {
    const d = await loadEpochChinchillaRaw({ ...offline, ...EPOCH_CHINCHILLA_REFERENCE_FILTER });
    expect(d.N).toHaveLength(217);
    expect(Math.max(...d.C)).toBeLessThan(1e21);
  });
});

describe.skipIf(!HAVE_DATA)('loadIsoflopExperiment', () => {
  it('selects the 133 Llama 3 raw_loss rows over 10 budgets from 6e18 to 1e22', async () => {
    const d = await loadIsoflopExperiment('llama_3_isoflops.csv', 'llama_3__raw_loss', offline);
    expect(d.N).toHaveLength(133);
    expect(distinct(d.budget!)).toBe(10);
    expect(Math.min(...d.budget!)).toBe(6e18);
    expect(Math.max(...d.budget!)).toBe(1e22);
  });

  it('uses the nominal budget as C and as the grouping key, not 6ND', async () => {
    const d = await loadIsoflopExperiment('llama_3_isoflops.csv', 'llama_3__raw_loss', offline);
    expect(d.C).toEqual(d.budget);
    expect(groupKeys(d)).toEqual(d.budget);
    // first data line: tokens 1579500858.99, params 633111399.9136679, budget 6e+18, loss 0.919843406813
    expect([d.rows[0], d.D[0], d.N[0], d.C[0], d.L[0]]).toEqual([2, 1579500858.99, 633111399.9136679, 6e18, 0.919843406813]);
  });

  it('selects the 123 Epoch AI Chinchilla IsoFLOP rows over 9 budgets', async () => {
    const d = await loadIsoflopExperiment('epochai_chinchilla_isoflops.csv', 'epochai_chinchilla__massivetext__chinchilla', offline);
    expect(d.N).toHaveLength(123);
    expect(distinct(d.budget!)).toBe(9);
  });

  it.each([
    ['marin_202603__comma__llama_2', 85],
    ['marin_202603__dclm__llama_2', 85],
    ['marin_202603__nemotron__llama_2', 88],
  ])('selects the Marin data set %s with %i rows', async (experiment, rows) => {
    const d = await loadIsoflopExperiment('marin_202603_isoflops.csv', experiment, offline);
    expect(d.N).toHaveLength(rows);
  });

  it('selects the 176 Misfitting rows', async () => {
    const d = await loadIsoflopExperiment('misfitting_isoflops.csv', 'misfitting__fineweb_c4__transformer', offline);
    expect(d.N).toHaveLength(176);
  });

  it('selects the 124 ml-scalefit rows', async () => {
    const d = await loadIsoflopExperiment('ml_scalefit_isoflops.csv', 'ml_scalefit__massivetext__chinchilla', offline);
    expect(d.N).toHaveLength(124);
  });

  it('combines extra where filters with the experiment selection', async () => {
    const d = await loadIsoflopExperiment('llama_3_isoflops.csv', 'llama_3__raw_loss', {
      ...offline,
      where: [{ column: 'budget', value: '6e+18' }],
    });
    expect(d.N.length).toBeGreaterThan(0);
    expect(new Set(d.budget)).toEqual(new Set([6e18]));
  });

  it('reports an unknown experiment value with the values the file has', async () => {
    await expect(loadIsoflopExperiment('llama_3_isoflops.csv', 'llama_3', offline)).rejects.toThrow(
      'llama_3_isoflops.csv: column experiment: no row has experiment = "llama_3"; values present: "llama_3__raw_loss", "llama_3__exp_loss"',
    );
  });
});

describe('loadIsoflopExperiment without the data', () => {
  it('rejects a file that is not in the registry', async () => {
    await expect(loadIsoflopExperiment('mine.csv', 'x', offline)).rejects.toThrow(DataError);
  });
});
