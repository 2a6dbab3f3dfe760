/**
 * Three projects: `unit` (no I/O: domain, parser, cards, manifest), `integration` (the real server over
 * HTTP, a real database, fake Microsoft endpoints) and `e2e` (the tab in headless Chromium against the real
 * server). CI runs `integration` a second time on PostgreSQL.
 */
const shared = {
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testEnvironment: 'node',
  // The adaptivecards ESM build does not load under jest on Node 20: use its UMD build.
  moduleNameMapper: { '^adaptivecards$': '<rootDir>/node_modules/adaptivecards/dist/adaptivecards.js' },
  // Every test must assert something (expect.hasAssertions before each).
  setupFilesAfterEnv: ['<rootDir>/tests/helpers/every-test-asserts.ts'],
};

module.exports = {
  // Integration tests start servers and wait on the network; 30 s leaves room on a busy 2-core machine.
  testTimeout: 30000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'] },
    // The tab in headless Chromium (Debian's /usr/bin/chromium) against the real server; the tab is built once first.
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/e2e/global-setup.ts',
    },
  ],
};
