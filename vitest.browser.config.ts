import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: the bot driven through the Microsoft 365 Agents Playground in headless Chromium
// (docs/browser-e2e.md). Slow start-up on a 2-core CI machine, hence the generous but bounded timeouts.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    pool: 'forks',
    // restify loads spdy → http-deceiver, which reads process.binding('http_parser') (DEP0111). Silence that one
    // deprecation by its code, as npm start does; every other warning still prints.
    execArgv: ['--disable-warning=DEP0111'],
    fileParallelism: false,
  },
});
