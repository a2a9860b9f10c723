import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The import rules of .dependency-cruiser.cjs run on a small tree that breaks
// each rule once and also holds the imports the rules must allow (the
// library from the explorable, a tsx worker shim in src/, a type-only import
// of a devDependency, node built-ins, declared packages). The violations
// found must be exactly the planted ones: every rule fires, none over-fires.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'fixture', type: 'module', dependencies: { yargs: '*' }, devDependencies: { tsx: '*', vitest: '*' } }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true, strict: true },
  }),
  'src/lib.ts': 'export const one = 1;\n',
  'src/index.ts': "export { one } from './lib.ts';\n",
  'src/core/errors.ts': "import { fit } from '../fit/fit.ts';\nexport const e = fit;\n",
  'src/fit/fit.ts': "import { one } from '../index.ts';\nimport { k } from '../kernels/k.ts';\nexport const fit = [one, k];\n",
  'src/kernels/k.ts': 'export const k = 1;\n',
  'src/gadgets/g.ts': "import { k } from '../kernels/k.ts';\nexport const g = k;\n",
  'src/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
  'src/b.ts': "import type { a } from './a.ts';\nexport const b = 2;\nexport type A = typeof a;\n",
  'src/up.ts': "import { e } from '../experiments/e.ts';\nexport const up = e;\n",
  'src/dev.ts': "import { register } from 'tsx/esm/api';\nregister();\n",
  'src/types.ts': "import type { TestContext } from 'vitest';\nexport type T = TestContext;\n",
  'src/worker-tsx.mjs': "import { register } from 'tsx/esm/api';\nregister();\nawait import('./lib.ts');\n",
  'experiments/e.ts':
    "import { readFileSync } from 'node:fs';\nimport yargs from 'yargs';\nimport { one } from '../src/lib.ts';\nexport const e = [readFileSync, yargs, one];\n",
  'experiments/to-article.ts': "import { art } from '../article/art.ts';\nexport const x = art;\n",
  'experiments/missing.ts': "import { nope } from './nope.ts';\nexport const x = nope;\n",
  'experiments/undeclared.ts': "import { parse } from 'csv-parse/sync';\nexport const x = parse;\n",
  'experiments/exp1-one.ts': "import { ten } from './exp10/run.ts';\nexport const one = ten;\n",
  'experiments/exp10/run.ts': "import { figure } from './figure.ts';\nimport { budgets } from '../shared/budgets.ts';\nexport const ten = [figure, budgets];\n",
  'experiments/exp10/figure.ts': "export const figure = 'f';\n",
  'experiments/shared/budgets.ts': 'export const budgets = [1e18];\n',
  'experiments/shared/uses-exp.ts': "import { figure } from '../exp10/figure.ts';\nexport const x = figure;\n",
  'article/art.ts': "import { one } from '../src/lib.ts';\nexport const art = one;\n",
  'article/explorable/main.ts':
    "import { one } from '../../src/lib.ts';\nimport { art } from '../art.ts';\nimport { v } from './view.ts';\nexport const m = [one, art, v];\n",
  'article/explorable/view.ts': 'export const v = 3;\n',
  'article/bin/build.ts': "import { fact } from '../declarations/facts.ts';\nexport const b = fact;\n",
  'article/bin/paths.ts': "export const OUT = 'results';\n",
  'article/declarations/facts.ts':
    "import { render } from '../engine/render.ts';\nimport { OUT } from '../bin/paths.ts';\nexport const fact = [render, OUT];\n",
  'article/declarations/palette.ts': "export const BLUE = '#00f';\n",
  'article/engine/render.ts':
    "import { one } from '../../src/lib.ts';\nimport { BLUE } from '../declarations/palette.ts';\nexport const render = [one, BLUE];\n",
  'app/build.ts':
    "import { readFileSync } from 'node:fs';\nimport yargs from 'yargs';\nimport { one } from '../src/lib.ts';\nimport { art } from '../article/art.ts';\nimport { p } from './page.ts';\nexport const b = [readFileSync, yargs, one, art, p];\n",
  'app/page.ts': "export const p = 'page';\n",
  'assembly/k.ts': "import { one } from '../src/lib';\nexport function k(): i32 { return one; }\n",
  'assembly/index.ts': "export { k } from './k';\n",
  'bench/x.ts': "import { h } from '../tests/helper.ts';\nexport const x = h;\n",
  'tests/helper.ts': "import { one } from '../src/lib.ts';\nexport const h = one;\n",
  // Installed packages, laid out as npm does (a real folder: the rules must see node_modules/ as in the repository).
  'node_modules/yargs/package.json': JSON.stringify({ name: 'yargs', version: '1.0.0', main: 'index.js' }),
  'node_modules/yargs/index.js': 'module.exports = {};\n',
  'node_modules/tsx/package.json': JSON.stringify({ name: 'tsx', version: '1.0.0', type: 'module', exports: { './esm/api': './api.mjs' } }),
  'node_modules/tsx/api.mjs': 'export function register() {}\n',
  'node_modules/csv-parse/package.json': JSON.stringify({ name: 'csv-parse', version: '1.0.0', exports: { './sync': './sync.js' } }),
  'node_modules/csv-parse/sync.js': 'exports.parse = () => [];\n',
  'node_modules/vitest/package.json': JSON.stringify({ name: 'vitest', version: '1.0.0', main: 'index.js', types: 'index.d.ts' }),
  'node_modules/vitest/index.js': 'module.exports = {};\n',
  'node_modules/vitest/index.d.ts': 'export interface TestContext {}\n',
};

// rule name → the module that breaks it (a cycle is reported once, at its first module).
const EXPECTED = [
  'app-only-library app/build.ts',
  'article-declarations-not-to-bin article/declarations/facts.ts',
  'article-layers article/engine/render.ts',
  'assembly-stands-alone assembly/k.ts',
  'experiments-below-article experiments/to-article.ts',
  'experiments-one-home experiments/exp1-one.ts',
  'experiments-shared-below-experiments experiments/shared/uses-exp.ts',
  'explorable-only-library article/explorable/main.ts',
  'no-circular src/a.ts',
  'not-to-unresolvable experiments/missing.ts',
  'only-declared-packages experiments/undeclared.ts',
  'src-folder-in-a-layer src/gadgets/g.ts',
  'src-is-the-library src/up.ts',
  'src-layer-core src/core/errors.ts',
  'src-not-through-the-barrel src/fit/fit.ts',
  'src-not-to-dev-deps src/dev.ts',
  'tests-not-imported bench/x.ts',
];

interface Module {
  readonly source: string;
  readonly dependencies: readonly { readonly resolved: string; readonly dependencyTypes: readonly string[] }[];
}
interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

describe('.dependency-cruiser.cjs', () => {
  let dir: string;
  let violations: Violation[];
  let modules: Module[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'deps-rules-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
        '--config',
        join(ROOT, '.dependency-cruiser.cjs'),
        '--output-type',
        'json',
        '.',
      ],
      { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    if (!r.stdout) throw new Error(`dependency-cruiser printed nothing (exit ${r.status}): ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { modules: Module[]; summary: { violations: Violation[] } };
    violations = out.summary.violations;
    modules = out.modules;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports each planted violation and nothing else', () => {
    const found = [...new Set(violations.map((v) => `${v.rule.name} ${v.from}`))].sort();
    expect(found).toEqual(EXPECTED);
  });

  it('names the offending import of each rule', () => {
    const to = (rule: string): string[] => violations.filter((v) => v.rule.name === rule).map((v) => v.to);
    expect(to('src-is-the-library')).toEqual(['experiments/e.ts']);
    expect(to('explorable-only-library')).toEqual(['article/art.ts']);
    expect(to('app-only-library')).toEqual(['article/art.ts']);
    expect(to('assembly-stands-alone')).toEqual(['src/lib.ts']);
    expect(to('tests-not-imported')).toEqual(['tests/helper.ts']);
    expect(to('experiments-below-article')).toEqual(['article/art.ts']);
  });

  it('follows .ts specifiers, extensionless AssemblyScript imports and the .mjs shims', () => {
    const deps = (source: string): string[] =>
      modules
        .find((m) => m.source === source)
        ?.dependencies.map((d) => d.resolved)
        .sort() ?? [];
    expect(deps('src/worker-tsx.mjs')).toEqual(['node_modules/tsx/api.mjs', 'src/lib.ts']);
    expect(deps('experiments/e.ts')).toEqual(['fs', 'node_modules/yargs/index.js', 'src/lib.ts']);
    expect(deps('assembly/index.ts')).toEqual(['assembly/k.ts']);
    expect(deps('src/b.ts')).toEqual(['src/a.ts']);
  });
});
