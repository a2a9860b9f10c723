import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv, parseCsvRecords, splitPlainCsv } from '../../../src/data/csv.ts';

// The quote-free fast path of parseCsv against csv-parse (the general path):
// same records, same cells, same line numbers, on random text built from the
// characters that matter (commas, spaces, tabs, LF, CRLF, lone CR, quotes).
describe('splitPlainCsv: the fast path agrees with csv-parse', () => {
  const piece = fc.constantFrom('a', '1', '2.5e3', ',', ' ', '\t', '\n', '\r\n', '-', 'x y');
  const crlfPiece = fc.constantFrom('a', '1', ',', ' ', '\r\n');
  const rare = fc.constantFrom('\r', '"', '""', '"a,b"');

  it('takes every quote-free LF or CRLF text and splits it as csv-parse does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(piece, { maxLength: 60 }), fc.array(crlfPiece, { maxLength: 60 })), (parts) => {
        const text = parts.join('');
        const fast = splitPlainCsv(text);
        const mixed = text.includes('\r\n') && /(^|[^\r])\n/.test(text);
        if (mixed) {
          expect(fast).toBeNull();
          return;
        }
        expect(fast).not.toBeNull();
        expect(fast).toEqual(parseCsvRecords(text, 'x.csv'));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves quotes, lone CR and mixed line breaks to csv-parse', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), rare, fc.array(piece, { maxLength: 20 }), (a, r, b) => {
        const text = [...a, r, ...b].join('');
        const fast = splitPlainCsv(text);
        // A CR followed by an LF is a CRLF break, not a lone CR: then the text may be plain after all.
        const loneCr = /\r(?!\n)/.test(text);
        const mixed = text.includes('\r\n') && /(^|[^\r])\n/.test(text);
        if (text.includes('"') || loneCr || mixed) expect(fast).toBeNull();
        else expect(fast).toEqual(parseCsvRecords(text, 'x.csv'));
      }),
      { numRuns: 2000 },
    );
    expect(splitPlainCsv('a\r\n')).toEqual(parseCsvRecords('a\r\n', 'x.csv'));
    expect(splitPlainCsv('a,b\n1,2\r\n3,4\n')).toBeNull();
  });

  it('parses a 10⁶-row file with line numbers, skipping blank lines', () => {
    const lines = ['budget,params,tokens,loss'];
    for (let i = 0; i < 1_000_000; i++) lines.push(`1e${17 + (i % 5)},${1000 + i},${2000 + i},${(3 + i / 1e6).toFixed(6)}`);
    lines.splice(3, 0, '');
    const t = parseCsv(lines.join('\n') + '\n', 'big.csv');
    expect(t.header).toEqual(['budget', 'params', 'tokens', 'loss']);
    expect(t.rows.length).toBe(1_000_000);
    expect(t.rows[0]).toEqual({ line: 2, cells: ['1e17', '1000', '2000', '3.000000'] });
    expect(t.rows[2]!.line).toBe(5);
    expect(t.rows[999_999]!.line).toBe(1_000_002);
  });
});
