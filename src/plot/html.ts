/**
 * Escaping for the generated HTML pages (the fit report, the experiment
 * figure pages, the article): one home so every page escapes the same way.
 * Browser-safe (no Node imports).
 */

/** Text or an attribute value as HTML: `&`, `<`, `>` and `"` escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * JSON of `value` safe to inline in a `<script>` element (plain or
 * `type="application/json"`): `<` and the two JavaScript line separators are
 * written as `\u` escapes, so the text can neither close the element nor break
 * a JavaScript string. Non-finite numbers become `null` (as `JSON.stringify` does).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** JavaScript source safe to inline in a `<script>` element: `</script` and `<!--` cannot end or confuse the element. */
export function scriptSafe(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
