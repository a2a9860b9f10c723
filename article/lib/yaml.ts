/**
 * A tiny YAML subset for the article's data files (references, literature):
 * a top-level mapping of keys to flat mappings of scalars.
 *
 *     chinchilla:
 *       title: "Training Compute-Optimal Large Language Models"
 *       year: 2022
 *       verified: true
 *
 * Scalars: double- or single-quoted strings, `true`/`false`, numbers, `null`,
 * or bare text. `#` starts a comment at the start of a line or after a space
 * outside quotes. Anything else is an error naming the line.
 */
import { BuildError } from './errors.ts';

export type Scalar = string | number | boolean | null;
export type FlatYaml = Record<string, Record<string, Scalar>>;

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

function scalar(text: string, where: string): Scalar {
  const t = text.trim();
  if (t.startsWith('"')) {
    if (!t.endsWith('"') || t.length < 2) throw new BuildError(`${where}: unterminated double-quoted string`);
    return JSON.parse(t) as string;
  }
  if (t.startsWith("'")) {
    if (!t.endsWith("'") || t.length < 2) throw new BuildError(`${where}: unterminated single-quoted string`);
    return t.slice(1, -1).replace(/''/g, "'");
  }
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null' || t === '~' || t === '') return null;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  return t;
}

/** Parses the subset described above; `file` is used in error messages. */
export function parseFlatYaml(text: string, file: string): FlatYaml {
  const out: FlatYaml = {};
  let current: Record<string, Scalar> | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const where = `${file}:${i + 1}`;
    const line = stripComment(raw).replace(/\s+$/, '');
    if (line.trim() === '') return;
    const top = /^([A-Za-z0-9_.-]+):\s*$/.exec(line);
    if (top) {
      if (out[top[1]]) throw new BuildError(`${where}: duplicate key ${top[1]}`);
      current = out[top[1]] = {};
      return;
    }
    const field = /^\s{2,}([A-Za-z0-9_]+):\s*(.*)$/.exec(line);
    if (field && current) {
      if (field[1] in current) throw new BuildError(`${where}: duplicate field ${field[1]}`);
      current[field[1]] = scalar(field[2], where);
      return;
    }
    throw new BuildError(`${where}: cannot parse ${JSON.stringify(raw)} (expected "key:" or an indented "field: value")`);
  });
  return out;
}
