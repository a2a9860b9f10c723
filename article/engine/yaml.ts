/**
 * YAML for the article's data files (references, literature) and the front
 * matter of the prose sources, read with js-yaml (core schema, so no dates,
 * no custom tags). The data files are a top-level mapping of keys to flat
 * mappings of scalars:
 *
 *     chinchilla:
 *       title: "Training Compute-Optimal Large Language Models"
 *       year: 2022
 *       verified: true
 *
 * Anything else (nested values, lists, a non-mapping document) is an error
 * naming the file and key; syntax errors name the line.
 */
import { load, YAMLException } from 'js-yaml';
import { BuildError } from './errors.ts';

export type Scalar = string | number | boolean | null;
export type FlatYaml = Record<string, Record<string, Scalar>>;

/** Parses one YAML document; errors become BuildErrors with `file:line`. */
export function parseYaml(text: string, file: string, lineOffset = 0): unknown {
  if (text.trim() === '') return null;
  try {
    return load(text, { filename: file });
  } catch (e) {
    if (e instanceof YAMLException) {
      const line = (e.mark?.line ?? 0) + 1 + lineOffset;
      throw new BuildError(`${file}:${line}: ${e.reason}`);
    }
    throw e;
  }
}

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Parses a mapping of keys to flat mappings of scalars; `file` is used in error messages. */
export function parseFlatYaml(text: string, file: string): FlatYaml {
  const doc = parseYaml(text, file);
  if (doc === undefined || doc === null) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new BuildError(`${file}: expected a mapping of keys to entries`);
  const out: FlatYaml = {};
  for (const [key, entry] of Object.entries(doc as Record<string, unknown>)) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new BuildError(`${file}: ${key} must be a mapping of fields`);
    const fields: Record<string, Scalar> = {};
    for (const [k, v] of Object.entries(entry as Record<string, unknown>)) {
      if (!isScalar(v)) throw new BuildError(`${file}: ${key}.${k} must be a string, number, boolean or null`);
      fields[k] = v;
    }
    out[key] = fields;
  }
  return out;
}
