/**
 * Build-time math with KaTeX (HTML + MathML output). Each rendering is
 * wrapped in `<!--m-->…<!--/m-->` so the output lint can skip math, and
 * counted so the browser check can compare rendered nodes with the source.
 */
import katex from 'katex';
import { BuildError } from './errors.ts';

export class MathRenderer {
  count = 0;

  render(tex: string, display: boolean, where: string): string {
    let html: string;
    try {
      html = katex.renderToString(tex, { displayMode: display, output: 'htmlAndMathml', throwOnError: true, strict: 'error', trust: false });
    } catch (e) {
      throw new BuildError(`${where}: KaTeX cannot render ${JSON.stringify(tex)}: ${(e as Error).message}`);
    }
    this.count++;
    return `<!--m-->${html}<!--/m-->`;
  }
}
