// Loaded by the start-up section only (`node --import <this file> …`); never part of the bot itself.
// On SIGUSR2 it runs two full garbage collections and writes one JSON line with process.memoryUsage() to
// file descriptor 3, a pipe the benchmark opened. Plain JavaScript, so that it loads the same way under tsx
// and under plain node.
import { writeSync } from 'node:fs';
import process from 'node:process';
import { setImmediate } from 'node:timers';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

process.on('SIGUSR2', () => {
  gc();
  setImmediate(() => {
    gc();
    writeSync(3, `${JSON.stringify(process.memoryUsage())}\n`);
  });
});
