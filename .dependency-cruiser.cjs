// Import boundaries between bounded contexts (docs/architecture.md, rules 1 and 2):
// a context may import platform/ and another context's index.ts only; platform imports no context.
const contexts = ['storefront', 'hq', 'sales', 'dualwrite', 'mail', 'onboarding'];

module.exports = {
  forbidden: [
    ...contexts.map((context) => ({
      name: `no-reaching-into-${context}`,
      comment: `Only ${context}/index.ts is public: import the context's published interface, not its internals or tables.`,
      severity: 'error',
      from: { path: '^src/', pathNot: [`^src/${context}/`, '^src/app\\.ts$'] },
      to: { path: `^src/${context}/`, pathNot: `^src/${context}/index\\.ts$` },
    })),
    {
      name: 'platform-knows-no-context',
      comment: 'platform/ is plumbing with no business words; it must not depend on any context.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: `^src/(${contexts.join('|')})/` },
    },
    {
      name: 'composition-root-uses-public-interfaces',
      comment: 'app.ts wires contexts together through their index.ts only.',
      severity: 'error',
      from: { path: '^src/app\\.ts$' },
      to: { path: `^src/(${contexts.join('|')})/`, pathNot: `^src/(${contexts.join('|')})/index\\.ts$` },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
