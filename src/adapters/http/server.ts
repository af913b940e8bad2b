import restify, { type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { runWithCorrelation, type Logger } from '../log/logger';

/** The server the app runs: restify's, started by main.ts or a test with `listen`. */
export type HttpServer = Server;

/** What the bot answers to one activity: the HTTP status and, for invokes and failures, a JSON body. */
export interface MessagesAnswer {
  status: number;
  body?: unknown;
}

export interface ServerDeps {
  /**
   * Runs one Bot Framework activity, parsed and checked to be one, with the request's Authorization header
   * ('' when absent). The bot never sees restify's request or response.
   */
  handleMessages: (activity: Record<string, unknown>, authorization: string) => Promise<MessagesAnswer>;
  log: Logger;
  maxBodyBytes: number;
  /** Extra facts for /healthz (ids and versions only). */
  health: () => Record<string, string>;
  /** Whether the bot may answer on this service URL; the bot sends its replies there. */
  isAllowedServiceUrl: (url: URL) => boolean;
  /**
   * True once shutdown has begun: /healthz answers 503 so that the load balancer stops routing here, and
   * every response closes its connection so that the server can close once the turns in flight have ended.
   */
  draining?: () => boolean;
}

/**
 * The minimum every activity from the Teams service has: a type, the conversation it belongs to and the
 * service URL to answer on. botbuilder checks the rest; without these it could not even send an error back.
 */
const activityShape = z
  .object({
    type: z.string().min(1).max(100),
    serviceUrl: z.string().url().max(2048),
    conversation: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
    from: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
  })
  .passthrough();

const badRequest = (res: Response, message: string): void => {
  res.status(400);
  res.json({ error: 'bad_request', message });
};

/**
 * The HTTP edge: POST /api/messages and GET /healthz. Returns an unstarted server so tests can listen on
 * port 0. Malformed requests get a 4xx with a fixed message and never reach the bot or crash the process.
 */
export function createServer(deps: ServerDeps): HttpServer {
  const server = restify.createServer({ name: 'sst-bridge', handleUncaughtExceptions: false });
  const draining = deps.draining ?? (() => false);
  server.pre((_req: Request, res: Response, next: () => void) => {
    if (draining()) res.setHeader('connection', 'close');
    next();
  });
  server.use(restify.plugins.bodyReader({ maxBodySize: deps.maxBodyBytes }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    const raw: unknown = req.body;
    const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      deps.log.info({ event: 'http.body_not_json', errorName: error instanceof Error ? error.name : 'unknown' });
      return badRequest(res, 'Expected a JSON Bot Framework activity.');
    }
    const activity = activityShape.safeParse(body);
    if (!activity.success) {
      deps.log.info({ event: 'http.not_an_activity' });
      return badRequest(res, 'Expected a Bot Framework activity: a JSON object with "type", "serviceUrl", "conversation.id" and "from.id".');
    }
    if (!deps.isAllowedServiceUrl(new URL(activity.data.serviceUrl))) {
      deps.log.warn({ event: 'http.service_url_refused' });
      return badRequest(res, 'The activity\'s serviceUrl is not one this bot answers on.');
    }
    const correlationId = typeof activity.data.id === 'string' && activity.data.id.length <= 200 ? activity.data.id : randomUUID();
    try {
      const answer = await runWithCorrelation(correlationId, () => deps.handleMessages(activity.data, authorizationOf(req)));
      res.status(answer.status);
      if (answer.body !== undefined) res.send(answer.body);
      res.end();
    } catch (error) {
      deps.log.error({ event: 'http.turn_crashed', errorName: error instanceof Error ? error.name : 'unknown' });
      if (!res.headersSent) {
        res.status(500);
        res.json({ error: 'internal', message: 'The bot could not handle this activity.' });
      }
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    if (draining()) {
      res.status(503);
      res.json({ status: 'draining' });
      return;
    }
    res.json({ status: 'ok', ...deps.health() });
  });

  server.on('restifyError', (_req: Request, res: Response, error: Error & { statusCode?: number }, next: (e?: unknown) => void) => {
    deps.log.info({ event: 'http.rejected', status: error.statusCode ?? 500 });
    next();
  });
  return server;
}

/** Node lower-cases header names; botbuilder validates the token (or, in local mode, accepts none). */
const authorizationOf = (req: Request): string => req.headers.authorization ?? '';
