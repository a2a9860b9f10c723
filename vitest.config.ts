import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['tests/setup/article.ts'],
    // Tests run against the debug build of the core (asserts on); benchmarks use release.
    env: { SCALING_FIT_WASM: 'debug' },
  },
});
