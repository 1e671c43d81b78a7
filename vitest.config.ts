import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Two cores: git-heavy end-to-end tests are not faster with more workers.
    maxWorkers: 2,
    // Installs (or finds cached) every oracle first: scripts/install-test-oracles.sh.
    globalSetup: ['./test/support/oracles.setup.ts'],
    reporters: ['default', './test/support/closing-line-reporter.ts'],
  },
});
