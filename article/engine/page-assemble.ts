/**
 * Page assembly (specs/article.md, "Layout of `article/`"): title block, table of contents, the
 * rendered sections, references, then the inlined assets (KaTeX CSS with
 * fonts, article CSS, the base64 WebAssembly core, plotly.js, the figure
 * loader and the explorable bundle) under a Content-Security-Policy that
 * allows no network access.
 */
import { PHONE_BREAKPOINT_PX } from './phone-layout.ts';
import { escapeHtml, jsonForScript, scriptSafe } from '../../src/plot/html.ts';
import { htmlText } from './html-text.ts';
import type { RenderOutput, TocEntry } from './render-sections.ts';

export interface PageParts {
  readonly title: string;
  readonly subtitle: string;
  /** Version and date line under the subtitle; empty for none. */
  readonly byline: string;
  readonly frontHtml: string;
  readonly render: RenderOutput;
  readonly referencesHtml: string;
  readonly katexCss: string;
  readonly articleCss: string;
  readonly plotlyJs: string;
  readonly explorableJs: string;
  readonly wasmBase64: string;
  readonly manifest: Record<string, unknown>;
  readonly meta: Record<string, string>;
}

/**
 * The CSP: inline scripts and styles only, `wasm-unsafe-eval` for the core,
 * data: fonts and images; every network directive stays closed.
 * plotly.js needs `unsafe-eval` (it compiles a few functions at load), so
 * `script-src` is widened by exactly that.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'",
  "style-src 'unsafe-inline'",
  'font-src data:',
  'img-src data: blob:',
  "connect-src 'none'",
  "worker-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Loads every figure spec into Plotly, in page order; marks each container
 * when drawn. Below the phone breakpoint a figure with a `phone` layout
 * (panels stacked in one column) is drawn with it merged over the desktop
 * layout; crossing the breakpoint on resize redraws those figures.
 */
const FIGURE_LOADER = `(function(){
  var BREAKPOINT = ${PHONE_BREAKPOINT_PX};
  var specs = {};
  function narrow(){ return window.innerWidth < BREAKPOINT; }
  function layoutFor(spec, phone){
    if (!phone || !spec.phone) return spec.layout;
    var out = {};
    for (var k in spec.layout) out[k] = spec.layout[k];
    for (var p in spec.phone) out[p] = spec.phone[p];
    return out;
  }
  var mode = narrow();
  window.addEventListener('resize', function(){
    var now = narrow();
    if (now === mode) return;
    mode = now;
    Array.prototype.forEach.call(document.querySelectorAll('.plot[data-rendered="1"]'), function(el){
      var spec = specs[el.dataset.figure];
      if (spec && spec.phone) { el.dataset.layout = now ? 'phone' : 'desktop'; Plotly.react(el, spec.data, layoutFor(spec, now), spec.config); }
    });
  });
  // Figures are drawn one per task, in page order, so the page stays responsive while they load.
  function load(){
    var els = Array.prototype.slice.call(document.querySelectorAll('.plot[data-figure]'));
    var i = 0;
    function next(){
      if (i >= els.length) { if (performance.mark) performance.mark('figures-ready'); document.documentElement.dataset.figures = 'ready'; return; }
      var el = els[i++];
      var t = performance.now();
      var done = function(){ setTimeout(next, 0); };
      try {
        var spec = JSON.parse(document.getElementById('spec-' + el.dataset.figure).textContent);
        specs[el.dataset.figure] = spec;
        el.dataset.layout = mode && spec.phone ? 'phone' : 'desktop';
        Plotly.newPlot(el, spec.data, layoutFor(spec, mode), spec.config).then(function(){ el.dataset.rendered = '1'; el.dataset.renderMs = (performance.now() - t).toFixed(0); done(); }, function(e){ el.dataset.rendered = 'error'; el.textContent = 'This figure could not be drawn: ' + e.message; done(); });
      } catch (e) { el.dataset.rendered = 'error'; el.textContent = 'This figure could not be drawn: ' + e.message; done(); }
    }
    next();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', load); else load();
})();`;

function tocHtml(toc: readonly TocEntry[]): string {
  const items: string[] = [];
  let open = false;
  for (const e of toc) {
    const link = `<a href="#${e.id}"><span class="num">${escapeHtml(e.label)}</span> ${escapeHtml(e.title)}</a>`;
    if (e.level === 2) {
      if (open) items.push('</ol></li>');
      items.push(`<li>${link}<ol>`);
      open = true;
    } else items.push(`<li>${link}</li>`);
  }
  if (open) items.push('</ol></li>');
  return `<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>${items.join('')}<li><a href="#references">References</a></li></ol></nav>`.replace(
    /<ol><\/ol>/g,
    '',
  );
}

function sectionHtml(s: RenderOutput['sections'][number]): string {
  const m = s.meta;
  const heading =
    m.kind === 'main'
      ? `<span class="num">${m.number}</span> ${escapeHtml(m.title)}`
      : m.kind === 'appendix'
        ? `<span class="num">Appendix ${m.number}.</span> ${escapeHtml(m.title)}`
        : escapeHtml(m.title);
  return `<section id="${m.id}" class="section ${m.kind}"><h2>${heading}</h2>\n${s.html}\n</section>`;
}

/** The complete HTML document. */
export function assemblePage(p: PageParts): string {
  const main = p.render.sections.filter((s) => s.meta.kind === 'main' || s.meta.kind === 'end');
  const appendices = p.render.sections.filter((s) => s.meta.kind === 'appendix');
  const metas = Object.entries(p.meta)
    .map(([k, v]) => `<meta name="${k}" content="${escapeHtml(v)}">`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${escapeHtml(p.title)}</title>
${metas}
<style>${p.katexCss}</style>
<style>${p.articleCss}</style>
</head>
<body>
<header class="title-block">
<h1>${escapeHtml(p.title)}</h1>
<p class="subtitle">${escapeHtml(p.subtitle)}</p>
${p.byline ? `<p class="byline">${escapeHtml(p.byline)}</p>` : ''}
${p.frontHtml}
</header>
<!--nodigits-->${tocHtml(p.render.toc)}<!--/nodigits-->
<main>
${main.map(sectionHtml).join('\n')}
<div class="appendices">
${appendices.map(sectionHtml).join('\n')}
</div>
<!--nodigits--><section id="references" class="section end"><h2>References</h2>
${p.referencesHtml}
</section><!--/nodigits-->
</main>
<script type="application/json" id="article-manifest">${jsonForScript(p.manifest)}</script>
<script type="application/octet-stream" id="core-wasm">${p.wasmBase64}</script>
<script>${scriptSafe(p.plotlyJs)}</script>
<script>${FIGURE_LOADER}</script>
<script>${scriptSafe(p.explorableJs)}</script>
</body>
</html>
`;
}

/**
 * Visible prose of the page for the output lint: scripts, styles, math,
 * bound values, citations, generated numbers, data tables and the
 * `nodigits` regions (TOC, explorable, references) are removed.
 */
export function lintableText(html: string): string {
  return htmlText(
    html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      .replace(/<!--nodigits-->[\s\S]*?<!--\/nodigits-->/g, ' ')
      .replace(/<!--m-->[\s\S]*?<!--\/m-->/g, ' ')
      .replace(/<span class="(?:v|num|missing)"[^>]*>[^<]*<\/span>/g, ' ')
      .replace(/<sup class="cite">[\s\S]*?<\/sup>/g, ' ')
      .replace(/<table class="data">[\s\S]*?<\/table>/g, ' ')
      .replace(/<summary>Data behind[^<]*<\/summary>/g, ' ')
      .replace(/<meta[^>]*>/g, ' ')
      .replace(/<code>[\s\S]*?<\/code>/g, ' ')
      .replace(/<header class="title-block">[\s\S]*?<h1>[\s\S]*?<\/h1>/, ' ')
      .replace(/<p class="byline">[\s\S]*?<\/p>/, ' ')
      .replace(/<a [^>]*href="http[^"]*"[^>]*>/g, ' '),
  );
}
