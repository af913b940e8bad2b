import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One module graph per worker instead of one per test file: every file used to pay 1–3 s of CPU to import
    // teams-ai, botbuilder, restify and the app again, more than all e2e tests together spent running. The
    // code keeps no module-level state that a test changes (no mutable singletons, no env read at import,
    // process listeners only in main.ts, which no test imports), tests restore what they fake, and each file
    // builds its own bot, stores and servers; README "Tests" says how to check a file in isolation.
    isolate: false,
    // restify loads spdy → http-deceiver, which reads process.binding('http_parser') (DEP0111). Silence that one
    // deprecation by its code, as npm start does; every other warning still prints.
    execArgv: ['--disable-warning=DEP0111'],
  },
});
