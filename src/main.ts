import { enableCompileCache } from './config/compile-cache';

/**
 * Entry point (`npm start` runs its build, dist/main.js). It turns on Node's module compile cache before any
 * package is loaded, then loads the composition root (src/run.ts), whose imports are most of start-up.
 */
enableCompileCache();
await import('./run');
