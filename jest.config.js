// Two projects, told apart by the file name:
//   unit  `*.unit.test.ts` (so far all beside the source): no Docker, no network (not even a server on
//         127.0.0.1), no built dist/. The whole project runs in well under a minute.
//   e2e   every other `*.test.ts`: the bundles run as a runner runs them, the GitHub API double,
//         git over HTTP, Docker. Its global set-up rebuilds dist/ first.
// A new test lands in e2e unless its name claims otherwise, so a slow test never slips into unit.
// `pnpm test` runs both, `pnpm test:unit` and `pnpm test:e2e` one each.
//
// ESM throughout: the @actions packages publish only an `import` condition.

/** Where tests live: beside the source of each package and action, and in test/. */
const roots = ['<rootDir>/packages/*/src', '<rootDir>/actions/*/src', '<rootDir>/test'];

/** What both projects share: how TypeScript is loaded, and the /dev/null check at the end. */
const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { target: 'es2024', parser: { syntax: 'typescript' } }, module: { type: 'es6' } },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};

/** @type {import('jest').Config} */
export default {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: roots.map((root) => `${root}/**/*.unit.test.ts`),
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: roots.map((root) => `${root}/**/*.test.ts`),
      testPathIgnorePatterns: ['/node_modules/', '\\.unit\\.test\\.ts$'],
      globalSetup: '<rootDir>/test/global-setup.ts',
    },
  ],
  // Jest reads these two only here, not from a project.
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/count-reporter.js'],
};
