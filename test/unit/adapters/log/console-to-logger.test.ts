import { describe, expect, it } from 'vitest';
import { routeConsoleToLogger, type LibraryConsole } from '../../../../src/adapters/log/console-to-logger';
import { createLogger } from '../../../../src/adapters/log/logger';
import { LogSink } from '../../../support/log-sink';

/** A console of our own: the test never touches the global one. */
function aConsole(): LibraryConsole & { printed: unknown[][] } {
  const printed: unknown[][] = [];
  return { printed, error: (...args: unknown[]) => void printed.push(args), warn: (...args: unknown[]) => void printed.push(args) };
}

describe("libraries' console output", () => {
  it('becomes one structured line per call with the error name and system code, and none of the text', () => {
    const sink = new LogSink();
    const target = aConsole();
    routeConsoleToLogger(target, createLogger('info', sink));

    const failure = Object.assign(new Error('request to https://login.botframework.com/v1/.well-known/openidconfiguration failed, reason: getaddrinfo ENOTFOUND login.botframework.com'), { code: 'ENOTFOUND' });
    target.error(failure);
    target.error('Error finding key for token. Available keys: -----BEGIN PUBLIC KEY-----MIIB');
    target.warn('BadRequest: Missing activity or activity type.', { text: 'Eleven KL i åk 7' });
    target.error("(node:2280) [DEP0111] DeprecationWarning: Access to process.binding('http_parser') is deprecated.");

    expect(target.printed).toEqual([]);
    expect(sink.events().map(({ time: _time, ...rest }) => rest)).toEqual([
      { level: 50, service: 'sst-bridge', event: 'library.console', consoleMethod: 'error', errorName: 'Error', errorCode: 'ENOTFOUND' },
      { level: 50, service: 'sst-bridge', event: 'library.console', consoleMethod: 'error' },
      { level: 40, service: 'sst-bridge', event: 'library.console', consoleMethod: 'warn' },
      { level: 40, service: 'sst-bridge', event: 'library.console', consoleMethod: 'error', errorName: 'DeprecationWarning', warningCode: 'DEP0111' },
    ]);
    for (const text of ['getaddrinfo', 'botframework.com', 'BEGIN PUBLIC KEY', 'BadRequest', 'KL', 'http_parser']) expect(sink.contains(text), text).toBe(false);
  });
});
