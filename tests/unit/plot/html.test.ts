import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, scriptSafe } from '../../../src/plot/html.ts';

describe('src/plot/html.ts', () => {
  it('escapeHtml escapes the four characters that end text or an attribute', () => {
    expect(escapeHtml('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot;');
    expect(escapeHtml("it's")).toBe("it's");
  });

  it('jsonForScript cannot close a script element or break a JavaScript string, and parses back', () => {
    const value = { s: '</script><!-- \u2028\u2029', x: [1, Number.NaN, Infinity] };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/<|\u2028|\u2029/);
    expect(JSON.parse(json)).toEqual({ s: value.s, x: [1, null, null] });
  });

  it('scriptSafe neutralises </script (any case) and <!-- in inline code', () => {
    expect(scriptSafe('a="</SCRIPT>";b="<!--"')).toBe('a="<\\/SCRIPT>";b="<\\!--"');
    expect(scriptSafe('plain code')).toBe('plain code');
  });
});
