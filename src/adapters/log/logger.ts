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

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'sst-bridge' },
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
