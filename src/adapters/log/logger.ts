import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs: a stable `event` name plus ids. Handlers never log names, initials, free text,
 * activity bodies or card payloads; the redaction paths below are a second fence, not the first.
 */
export const redactPaths = [
  'activity',
  'body',
  'data',
  'values',
  'text',
  'draft',
  'pupil',
  'initials',
  'description',
  'question',
  '*.activity',
  '*.body',
  '*.data',
  '*.values',
  '*.text',
  '*.pupil',
  '*.initials',
  '*.description',
  'req.headers.authorization',
];

const correlation = new AsyncLocalStorage<{ correlationId: string }>();

/**
 * Runs `fn` with a correlation id that every log line written inside it carries, including lines written by
 * work it starts (proactive sends after the turn), so one activity's events can be followed across the logs.
 */
export function runWithCorrelation<T>(correlationId: string, fn: () => T): T {
  return correlation.run({ correlationId }, fn);
}

/**
 * Runs `fn` outside any correlation id: for work that a turn only wakes (the outbox's drain rounds), whose log
 * lines name what they send (delivery keys) and would otherwise carry the id of whichever turn woke them first.
 */
export function runWithoutCorrelation<T>(fn: () => T): T {
  return correlation.exit(fn);
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    mixin: () => {
      const current = correlation.getStore();
      return current ? { correlationId: current.correlationId } : {};
    },
    base: { service: 'sst-bridge' },
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
