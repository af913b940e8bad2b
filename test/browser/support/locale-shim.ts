import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands between the Agents Playground and the bot and sets the activity's `locale`, which is all it
 * changes. Playground 0.2.28 writes `locale: "en-US"` into every activity it generates, whatever the
 * browser's language, while Teams sends the user's client language; this lets the browser test see the
 * Swedish cards a Swedish teacher sees.
 */
export class LocaleShim {
  private server?: Server;
  endpoint = '';

  constructor(
    private readonly botMessagesUrl: string,
    private readonly locale: string,
  ) {}

  async start(): Promise<this> {
    // Not `res.writeHead(…).end(…)`: restify, loaded in this process by the bot, patches writeHead to return nothing.
    const server = createServer((req, res) => {
      this.forward(req).then(
        ({ status, contentType, body }) => {
          res.writeHead(status, contentType ? { 'content-type': contentType } : {});
          res.end(body);
        },
        (error: unknown) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`locale shim could not reach the bot: ${String(error)}`);
        },
      );
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  private async forward(req: IncomingMessage): Promise<{ status: number; contentType: string | null; body: Buffer }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(Buffer.from(chunk));
    const activity: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const body = typeof activity === 'object' && activity !== null ? { ...activity, locale: this.locale } : activity;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (typeof req.headers.authorization === 'string') headers.authorization = req.headers.authorization;
    const res = await fetch(this.botMessagesUrl, { method: req.method ?? 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, contentType: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
  }
}
