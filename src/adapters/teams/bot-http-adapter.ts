import { TeamsAdapter } from './teams-ai';
import type { Activity, ConfigurationBotFrameworkAuthenticationOptions, Request, Response, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../log/logger';

/**
 * The Teams adapter, answering HTTP itself. botbuilder's `CloudAdapter.process` prints every failure with
 * `console.error` (stack, and for token problems the signing keys) and writes `err.message` into the HTTP
 * body: an unreachable OpenID metadata endpoint answered 500 with the `getaddrinfo` text. Here the turn runs
 * through `processActivity`, and a failure becomes one log line (error name and system code, no message)
 * and a fixed body.
 */
export class BotHttpAdapter extends TeamsAdapter {
  constructor(
    config: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly log: Logger,
  ) {
    super(config);
  }

  /** Runs one POST /api/messages whose body the HTTP edge has already checked to be an activity. */
  async handle(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const authHeader = headerOf(req, 'authorization');
    try {
      const invokeResponse = await this.processActivity(authHeader, activityOf(req), logic);
      res.status(invokeResponse?.status ?? 200);
      if (invokeResponse?.body !== undefined) res.send(invokeResponse.body);
      res.end();
    } catch (error) {
      const unauthorized = statusCodeOf(error) === 401 || statusCodeOf(error) === 403;
      this.log.warn({
        event: unauthorized ? 'http.unauthorized' : 'http.turn_failed',
        errorName: error instanceof Error ? error.name : 'unknown',
        errorCode: systemCodeOf(error),
      });
      res.status(unauthorized ? 401 : 500);
      res.send(unauthorized ? { error: 'unauthorized', message: 'The request is not authorized.' } : { error: 'internal', message: 'The bot could not handle this activity.' });
      res.end();
    }
  }
}

function headerOf(req: Request, name: string): string {
  const value = req.headers[name] ?? req.headers[name.charAt(0).toUpperCase() + name.slice(1)];
  return typeof value === 'string' ? value : '';
}

// What CloudAdapter checks too (botbuilder cloudAdapter.js `ActivityT`); the HTTP edge checked the fields we need.
const activityShape = z.custom<Activity>((value) => z.record(z.unknown()).safeParse(value).success, { message: 'Activity' });

/** As CloudAdapter does (botbuilder activityValidator.js): the body as an activity, its timestamps as dates. */
function activityOf(req: Request): Activity {
  const body = activityShape.parse(req.body);
  for (const [raw, field] of [['rawTimestamp', 'timestamp'], ['rawExpiration', 'expiration'], ['rawLocalTimestamp', 'localTimestamp']] as const) {
    const value: unknown = Reflect.get(body, field);
    if (typeof value === 'string') {
      Reflect.set(body, raw, value);
      Reflect.set(body, field, new Date(value));
    }
  }
  return body;
}

/** botframework-connector's errors carry an HTTP status (AuthenticationError: 401, or 500 for metadata failures). */
function statusCodeOf(error: unknown): number | undefined {
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'statusCode') : undefined;
  return typeof code === 'number' ? code : undefined;
}

/** A Node system error code such as ECONNREFUSED or ENOTFOUND, on the error or its cause; never its message. */
function systemCodeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 3; e = Reflect.get(e, 'cause'), depth++) {
    const code: unknown = Reflect.get(e, 'code');
    if (typeof code === 'string' && /^E[A-Z_]{2,30}$/.test(code)) return code;
  }
  return undefined;
}
