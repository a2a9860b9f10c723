/**
 * The library as a consumer runs it: src/ (and the benchmark's worker and
 * child scripts) transpiled by the TypeScript compiler with the options of
 * tsconfig.build.json, into node_modules/.cache/scaling-fit-bench/. Worker
 * threads and child processes run these files with plain `node`; in-process
 * cases import them unless --lib tsx is given.
 *
 * Why not run the sources through tsx: tsx's esbuild transform keeps function
 * names by wrapping every function expression in a helper call, so a closure
 * created inside a hot function (as src/optim does) costs an extra
 * Object.defineProperty per call; that made the Approach 3 fit ≈ 40% slower
 * than the same code compiled by tsc (specs/performance.md).
 */
import ts from 'typescript';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is bench/compile.ts). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = join(ROOT, 'node_modules', '.cache', 'scaling-fit-bench');

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  rewriteRelativeImportExtensions: true,
  sourceMap: false,
};

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/**
 * Transpile src/**\/*.ts and bench/children/*.ts into CACHE (mirroring the
 * layout, so relative imports keep working), skipping files whose output is
 * newer than the source. Returns CACHE.
 */
export function compileLibrary(): string {
  const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'bench', 'children'))];
  for (const file of files) {
    const out = join(CACHE, relative(ROOT, file)).replace(/\.ts$/, '.js');
    if (existsSync(out) && statSync(out).mtimeMs >= statSync(file).mtimeMs) continue;
    const result = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: OPTIONS, fileName: file, reportDiagnostics: true });
    const errors = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) throw new Error(`transpiling ${file}: ${ts.flattenDiagnosticMessageText(errors[0].messageText, '\n')}`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, result.outputText);
  }
  writeFileSync(join(CACHE, 'package.json'), '{ "type": "module" }\n');
  return CACHE;
}
