/** Small DOM helpers of the page. */
import { DECIMAL } from '../src/data/columns.ts';
import { escapeHtml } from '../src/plot/html.ts';

export function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`page element #${id} is missing`);
  return e as T;
}

export const value = (id: string): string => el<HTMLInputElement>(id).value.trim();

/** A typed form error: the field's label and what is wrong. */
export class FormError extends Error {
  override name = 'FormError';
}

/** The number in field `id`, or undefined when empty; `check` states the requirement. */
export function numberField(id: string, label: string, check?: (x: number) => boolean, requirement?: string): number | undefined {
  const text = value(id);
  if (text === '') return undefined;
  const x = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(x)) throw new FormError(`${label}: "${text}" is not a number`);
  if (check && !check(x)) throw new FormError(`${label} must be ${requirement}, got ${text}`);
  return x;
}

export function show(id: string, on: boolean): void {
  el(id).hidden = !on;
}

export function showError(id: string, message: string | null): void {
  const e = el(id);
  e.textContent = message ?? '';
  e.hidden = message === null;
}

/** A table from rows of cells; a cell `{ n, v }` is a number shown as `n` with its full value in data-value. */
export type Cell = string | { readonly text: string; readonly value?: number | string | null; readonly key?: string; readonly cls?: string };

export function renderTable(id: string, head: readonly string[], rows: ReadonlyArray<readonly Cell[]>, rowClass?: (i: number) => string): void {
  const th = `<tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map((r, i) => {
      const cells = r
        .map((c) => {
          if (typeof c === 'string') return `<td>${escapeHtml(c)}</td>`;
          const attrs = [
            c.cls ? ` class="${c.cls}"` : '',
            c.key ? ` data-key="${escapeHtml(c.key)}"` : '',
            c.value !== undefined && c.value !== null ? ` data-value="${escapeHtml(String(c.value))}"` : '',
          ].join('');
          return `<td${attrs}>${escapeHtml(c.text)}</td>`;
        })
        .join('');
      const cls = rowClass?.(i) ?? '';
      return `<tr${cls ? ` class="${cls}"` : ''}>${cells}</tr>`;
    })
    .join('');
  el(id).innerHTML = th + body;
}

/** Offers `text` as a file download (a blob: link; nothing leaves the machine). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
