import { TeamsAdapter } from './teams-ai-lib';
import type { Activity, ConfigurationBotFrameworkAuthenticationOptions, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../../log/logger';
import type { BotAnswer } from '../turn';
import { ConnectorClients } from '../delivery/connector-clients';

/**
 * The Teams adapter, answering HTTP itself. botbuilder's `CloudAdapter.process` prints every failure with
 * `console.error` (stack, and for token problems the signing keys) and writes `err.message` into the HTTP
 * body: an unreachable OpenID metadata endpoint answered 500 with the `getaddrinfo` text. Here the turn runs
 * through `processActivity`, and a failure becomes one log line (error name and system code, no message)
 * and a fixed body.
 */
export class BotHttpAdapter extends TeamsAdapter {
  private readonly connectorClients = new ConnectorClients();

  constructor(
    config: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly log: Logger,
  ) {
    super(config);
    // TeamsAdapter makes its authentication itself: its user-token clients are kept by replacing the method.
    const auth = this.botFrameworkAuthentication;
    const createUserTokenClient = auth.createUserTokenClient.bind(auth);
    auth.createUserTokenClient = (claims) => this.connectorClients.userTokenClient(claims, () => createUserTokenClient(claims));
  }

  /** Runs one POST /api/messages whose body the HTTP edge has already parsed and checked to be an activity. */
  async handle(body: Record<string, unknown>, authorization: string, logic: (context: TurnContext) => Promise<void>): Promise<BotAnswer> {
    try {
      // As CloudAdapter.process does, with the turn's connector client kept for the next turns (ConnectorClients).
      const activity = activityOf(body);
      const authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
      const connectorFactory = authenticated.connectorFactory && this.connectorClients.factory(authenticated.connectorFactory, authenticated.claimsIdentity);
      const invokeResponse = await this.processActivity({ ...authenticated, connectorFactory }, activity, logic);
      const status = invokeResponse?.status ?? 200;
      return invokeResponse?.body === undefined ? { status } : { status, body: invokeResponse.body };
    } catch (error) {
      const unauthorized = statusCodeOf(error) === 401 || statusCodeOf(error) === 403;
      this.log.warn({
        event: unauthorized ? 'http.unauthorized' : 'http.turn_failed',
        errorName: error instanceof Error ? error.name : 'unknown',
        errorCode: systemCodeOf(error),
      });
      return unauthorized
        ? { status: 401, body: { error: 'unauthorized', message: 'The request is not authorized.' } }
        : { status: 500, body: { error: 'internal', message: 'The bot could not handle this activity.' } };
    }
  }
}

// What CloudAdapter checks too (botbuilder cloudAdapter.js `ActivityT`: an object); the HTTP edge checked the fields
// we need. A plain check: a record schema built and run on every turn copied the whole activity (1.6 % of the
// event loop under the burst benchmark).
const activityShape = z.custom<Activity>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), { message: 'Activity' });

/** As CloudAdapter does (botbuilder activityValidator.js): the body as an activity, its timestamps as dates. */
function activityOf(parsed: Record<string, unknown>): Activity {
  const body = activityShape.parse(parsed);
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
