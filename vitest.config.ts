import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  resolve: { conditions: ['module', 'browser', 'development|production'] },
  test: {
    environment: 'node',
    include: [
      'tests/unit/**/*.test.ts',
      'tests/scenarios/**/*.test.ts',
      'tests/conformance/**/*.test.ts',
    ],
    reporters: ['default', 'json'],
    // scripts/test-all.mjs reads this file to count tests.
    outputFile: { json: 'test-results/vitest.json' },
  },
});
