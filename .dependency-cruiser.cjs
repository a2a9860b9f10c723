// Import rules of the project, checked by `npm run deps` (part of `npm test`).
// Layers point down only: src/ is the library and imports none of the code
// built on it; the article's browser bundle takes only the library; the
// WebAssembly core stands alone. README.md "How the code is organised".

// The library's layers, bottom first. A folder imports its own layer and the
// layers below it, never one above (README.md "How the code is organised").
const SRC_LAYERS = [
  ['core', 'util'], // errors, argument checks, shared types, the seed; leaf helpers (random sources, stats, least squares)
  ['surface'], // the loss surface, optimal allocation, allocation cost
  ['sampling', 'kernels', 'optim', 'plot'], // IsoFLOP designs; WebAssembly core and twins; optimisers; figure building blocks
  ['fit', 'data'], // the fitting methods and their registry; CSV and the published data sets
  ['analysis', 'plan'], // conditioning; the sweep planner
  ['cli'], // the commands
];

const srcLayerRules = SRC_LAYERS.slice(0, -1).map((layer, i) => ({
  name: `src-layer-${layer[0]}`,
  severity: 'error',
  comment: `src/{${layer.join(',')}} sit below src/{${SRC_LAYERS.slice(i + 1)
    .flat()
    .join(',')}} and do not import them.`,
  from: { path: `^src/(${layer.join('|')})/` },
  to: {
    path: `^src/(${SRC_LAYERS.slice(i + 1)
      .flat()
      .join('|')})/`,
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...srcLayerRules,
    {
      name: 'src-folder-in-a-layer',
      severity: 'error',
      comment: 'Every folder of src/ has a place in SRC_LAYERS above: a new folder is a decision about what it may import.',
      from: { path: '^src/[^/]+/', pathNot: `^src/(${SRC_LAYERS.flat().join('|')})/` },
      to: {},
    },
    {
      name: 'src-not-through-the-barrel',
      severity: 'error',
      comment: 'src/index.ts is the public entry point; the library imports the module it needs, not the barrel.',
      from: { path: '^src/.+/' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle anywhere, type-only imports included: a cycle means two modules are one concern or a layer points up.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-is-the-library',
      severity: 'error',
      comment: 'src/ ships as the package; it never imports the experiments, the article, the benchmark or the tests built on it.',
      from: { path: '^src/' },
      to: { path: '^(experiments|article|bench|tests|app|examples)/' },
    },
    {
      name: 'src-not-to-dev-deps',
      severity: 'error',
      comment:
        'src/ ships as the package, so what it loads at run time must be a dependency, not a devDependency. ' +
        'Exception: the *-tsx.mjs worker shims, which register tsx only when the library runs from its TypeScript sources.',
      from: { path: '^src/', pathNot: '-tsx\\.mjs$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'explorable-only-library',
      severity: 'error',
      comment: 'article/explorable/ is bundled for the browser: it imports only the library (src/) and itself.',
      from: { path: '^article/explorable/' },
      to: { pathNot: '^(src|article/explorable)/' },
    },
    {
      name: 'app-only-library',
      severity: 'error',
      comment: 'app/ (the fit-and-plan page) is built from the library (src/) and itself; its build script may use Node and packages.',
      from: { path: '^app/' },
      to: { pathNot: '^(src|app|node_modules)/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'article-layers',
      severity: 'error',
      comment: 'article/: bin/ (entry points) → declarations/ (facts, figures, claims) → engine/; the engine never imports what it renders.',
      from: { path: '^article/engine/' },
      to: { path: '^article/(declarations|bin)/' },
    },
    {
      name: 'article-declarations-not-to-bin',
      severity: 'error',
      comment: 'article/: the declarations are read by the entry points in bin/, never the other way round.',
      from: { path: '^article/declarations/' },
      to: { path: '^article/bin/' },
    },
    {
      name: 'assembly-stands-alone',
      severity: 'error',
      comment: 'assembly/ is compiled by asc into the WebAssembly core; it imports nothing from the TypeScript library.',
      from: { path: '^assembly/' },
      to: { path: '^(src|experiments|article|bench|tests)/' },
    },
    {
      name: 'experiments-below-article',
      severity: 'error',
      comment: 'The article reads experiment outputs and the benchmark times the library; experiments import neither.',
      from: { path: '^experiments/' },
      to: { path: '^(article|bench)/' },
    },
    {
      name: 'experiments-one-home',
      severity: 'error',
      comment: 'An experiment does not import another experiment: what two experiments share lives in experiments/shared/.',
      from: { path: '^experiments/(exp[0-9]+)[/-]' },
      to: { path: '^experiments/exp[0-9]+[/-]', pathNot: '^experiments/$1[/-]' },
    },
    {
      name: 'experiments-shared-below-experiments',
      severity: 'error',
      comment: 'experiments/shared/ serves the experiments and imports none of them.',
      from: { path: '^experiments/shared/' },
      to: { path: '^experiments/exp[0-9]+[/-]' },
    },
    {
      name: 'tests-not-imported',
      severity: 'error',
      comment: 'Test helpers and fixtures serve the tests only.',
      from: { pathNot: '^tests/' },
      to: { path: '^tests/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (a file in the repository, a node built-in or an installed package).',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'only-declared-packages',
      severity: 'error',
      comment: 'Packages imported must be declared in package.json (dependencies or devDependencies), not pulled in transitively.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    // Imports of packages are kept (the package rules need them); their insides are not cruised.
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '^(dist|build|results|coverage)/' },
    // Type-only imports count: `import type` cycles are cycles of concerns too.
    tsPreCompilationDeps: true,
    // Resolves `.ts` specifiers (allowImportingTsExtensions) and the compiler's paths.
    tsConfig: { fileName: 'tsconfig.json' },
    // AssemblyScript imports without extensions; workers are plain .mjs shims.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mjs', '.js', '.cjs', '.d.ts', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    moduleSystems: ['es6', 'cjs'],
    reporterOptions: { text: { highlightFocused: true } },
  },
};
