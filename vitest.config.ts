import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // restify loads spdy → http-deceiver, which reads process.binding('http_parser') (DEP0111). Silence that one
    // deprecation by its code, as npm start does; every other warning still prints.
    execArgv: ['--disable-warning=DEP0111'],
  },
});
