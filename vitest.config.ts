import { configDefaults, defineConfig } from 'vitest/config';

const CRASH_TESTS = 'test/crash/**/*.test.ts';

export default defineConfig({
  test: {
    setupFiles: ['test/support/block-outbound-network.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // `npm test` runs both projects; `npm run test:crash` (vitest run --project crash) only the
    // crash tests, which SIGKILL real Doorway processes and take minutes.
    projects: [
      {
        extends: true,
        test: { name: 'unit+integration', include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'], exclude: [...configDefaults.exclude, CRASH_TESTS] },
      },
      { extends: true, test: { name: 'crash', include: [CRASH_TESTS] } },
    ],
  },
});
