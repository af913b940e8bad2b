// Preloaded with `node --import` into the Agents Playground, a process we do not build: its servers listen
// on 127.0.0.1 only, no TCP connection or DNS lookup leaves this machine, and every refused attempt is
// appended to the file named by LOOPBACK_GUARD_LOG.
import { appendFileSync } from 'node:fs';
import process from 'node:process';
import { installLoopbackGuard, pinListenersToLoopback } from './loopback-guard.mjs';

const logFile = process.env.LOOPBACK_GUARD_LOG;
pinListenersToLoopback();
installLoopbackGuard((attempt) => {
  if (logFile) appendFileSync(logFile, `${attempt}\n`);
});
