// Layers only point down: shells → check → init → rules → engine → foundation → catalogue →
// policy → sdk. `npm run lint` fails on an import that points up a layer and on any cycle.
const analyzer = '^packages/analyzer/src/';

/** The layers, from the top; each may import only from the layers below it. */
const layers = [
  { name: 'shells', path: [`${analyzer}cli/`, '^packages/action/src/'] },
  {
    name: 'check',
    path: [
      `${analyzer}(index|analyze-code|check|baseline|merge|registry|rule-docs|shard|shard-spec|suppressions)\\.ts$`,
      `${analyzer}(cache|report|ropa)/`,
    ],
  },
  { name: 'init', path: [`${analyzer}init/`, `${analyzer}default-policy\\.ts$`] },
  { name: 'rules', path: [`${analyzer}rules/`] },
  { name: 'engine', path: [`${analyzer}code/`] },
  {
    name: 'foundation',
    path: [
      `${analyzer}(findings|errors|version|paths|policy-facts|project-files|git|code-evidence|ts-runtime)\\.ts$`,
    ],
  },
  { name: 'catalogue', path: [`${analyzer}catalogue/`] },
  { name: 'policy', path: ['^packages/policy/src/'] },
  { name: 'sdk', path: ['^packages/sdk/src/'] },
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle between modules: split out what both need, or merge them.',
      from: {},
      to: { circular: true },
    },
    ...layers.flatMap((layer, index) =>
      index === 0
        ? []
        : [
            {
              name: `no-upward-import-from-${layer.name}`,
              severity: 'error',
              comment: `The ${layer.name} layer imports from a layer above it (${layers
                .slice(0, index)
                .map((above) => above.name)
                .join(', ')}).`,
              from: { path: layer.path },
              to: { path: layers.slice(0, index).flatMap((above) => above.path) },
            },
          ],
    ),
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve.',
      from: {},
      // `sarif` is a types-only package (@types/sarif): nothing to resolve at run time.
      to: { couldNotResolve: true, pathNot: '^sarif$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)(dist|test|node_modules)/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@consentry/source', 'import', 'types', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
