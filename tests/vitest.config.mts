import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // This file lives in tests/; the project root is one level up.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // vitest's default leaves one core free; much of this suite waits on the programs it
    // drives (terminals, shells, searchd), so every core takes a test file.
    maxWorkers: '100%',
  },
});
