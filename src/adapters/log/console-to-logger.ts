import type { Logger } from './logger';

/** The console methods libraries print failures with. */
export type LibraryConsole = Pick<Console, 'error' | 'warn'>;

/**
 * Replaces `console.error` and `console.warn` of `target` (run.ts passes the global console) with one
 * structured, redacted log line each. botbuilder and botframework-connector print whole errors there: stack
 * traces, request URLs, token problems with the signing keys, and at times the activity. Only the error's
 * name and Node system code (ECONNREFUSED, ENOTFOUND) are kept, or a Node warning's code (DEP0111); no
 * message, no other argument.
 */
export function routeConsoleToLogger(target: LibraryConsole, log: Logger): void {
  const write = (method: 'error' | 'warn', args: unknown[]) => {
    const warning = nodeWarningOf(args[0]);
    if (warning) return log.warn({ event: 'library.console', consoleMethod: method, ...warning });
    log[method]({ event: 'library.console', consoleMethod: method, ...errorOf(args) });
  };
  target.error = (...args: unknown[]) => write('error', args);
  target.warn = (...args: unknown[]) => write('warn', args);
}

function errorOf(args: unknown[]): { errorName?: string; errorCode?: string } {
  const error = args.find((a): a is Error => a instanceof Error);
  const code: unknown = error === undefined ? undefined : Reflect.get(error, 'code');
  return {
    ...(error ? { errorName: error.name } : {}),
    ...(typeof code === 'string' && /^E[A-Z_]{2,30}$/.test(code) ? { errorCode: code } : {}),
  };
}

/** Node prints process warnings with console.error: "(node:123) [DEP0111] DeprecationWarning: …". */
function nodeWarningOf(first: unknown): { errorName: string; warningCode?: string } | undefined {
  const match = typeof first === 'string' ? /^\(node:\d+\) (?:\[([A-Z]+\d+)\] )?([A-Za-z]*Warning):/.exec(first) : null;
  if (!match?.[2]) return undefined;
  return { errorName: match[2], ...(match[1] ? { warningCode: match[1] } : {}) };
}
