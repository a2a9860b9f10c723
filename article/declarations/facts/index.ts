/**
 * The article's facts registry (specs/article.md, "Facts and placeholders"): every number a reader
 * sees, keyed by our own names and mapped here from experiment outputs,
 * library calls, configuration constants and the literature file, so a
 * renamed output column breaks one mapping, not the prose. Written to
 * `results/article/facts.json` with provenance.
 */
import { FactBook } from '../../engine/fact-registry.ts';
import { PATHS } from '../config.ts';
import { biasFacts } from './bias.ts';
import { configFacts } from './config.ts';
import { costFacts } from './costs.ts';
import { designFacts } from './designs.ts';
import { explainFacts } from './explain.ts';
import { literatureFacts, publishedFacts } from './literature.ts';
import { robustFacts } from './robust.ts';
import { simulatedFacts } from './simulated.ts';
import { summaryFacts } from './summary.ts';
import { surfaceFacts } from './surfaces.ts';
import { surfaceFitFacts } from './surface-fits.ts';

export function defineFacts(paths: { literaturePath: string; exponentsPath?: string } = { literaturePath: PATHS.literature }): FactBook {
  const f = new FactBook();
  configFacts(f);
  simulatedFacts(f);
  biasFacts(f);
  surfaceFitFacts(f);
  costFacts(f);
  robustFacts(f);
  surfaceFacts(f);
  designFacts(f);
  literatureFacts(f, { literature: paths.literaturePath, exponents: paths.exponentsPath ?? PATHS.publishedExponents });
  publishedFacts(f);
  explainFacts(f);
  summaryFacts(f);
  return f;
}
