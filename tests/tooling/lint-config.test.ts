import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// biome.jsonc keeps the recommended lint rules; a rule switched off (or
// down to a warning) says why on the comment line just above it, so that
// turning a rule off is a visible, argued decision.

const CONFIG = fileURLToPath(new URL('../../biome.jsonc', import.meta.url));

describe('biome.jsonc', () => {
  const lines = readFileSync(CONFIG, 'utf8').split('\n');

  it('starts from the recommended rules', () => {
    expect(lines.some((l) => /"preset":\s*"recommended"/.test(l))).toBe(true);
  });

  it('gives a reason for every rule it weakens', () => {
    const weakened = lines.flatMap((l, i) => (/^\s*"[a-zA-Z]+":\s*"(off|warn|info)"/.test(l) ? [i] : []));
    expect(weakened.length).toBeGreaterThan(0);
    const unexplained = weakened.filter((i) => !/^\s*\/\/ \S.{10,}/.test(lines[i - 1] ?? '')).map((i) => lines[i].trim());
    expect(unexplained).toEqual([]);
  });
});
