import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { isLoopbackHost } from './loopback-guard.mjs';

/** True for http(s) and ws(s) URLs on 127.0.0.1, localhost or [::1]; false for everything else (data:, blob: included). */
export function isLoopbackUrl(url: string): boolean {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  return parsed !== undefined && /^(https?|wss?):$/.test(parsed.protocol) && isLoopbackHost(parsed.hostname);
}

export interface OfflineBrowserOptions {
  executablePath: string;
  viewport: { width: number; height: number };
  locale: string;
  timezoneId: string;
}

/**
 * Headless Chromium that cannot reach beyond this machine. Two fences:
 * 1. every page request, WebSocket and service worker goes through Playwright routing: loopback continues,
 *    anything else is aborted and recorded in `aborted`;
 * 2. the browser's own proxy is a local server that refuses and records (`proxyAttempts`) whatever slips
 *    past routing, such as Chromium's background requests. Loopback bypasses proxies in Chromium.
 */
export class OfflineBrowser {
  readonly aborted: string[] = [];
  readonly proxyAttempts: string[] = [];
  private proxy?: Server;
  private browser?: Browser;
  context?: BrowserContext;

  constructor(private readonly options: OfflineBrowserOptions) {}

  async start(): Promise<BrowserContext> {
    const proxy = createServer((req, res) => {
      this.proxyAttempts.push(`${req.method ?? 'GET'} ${req.url ?? ''}`);
      res.statusCode = 403;
      res.end();
    });
    proxy.on('connect', (req: IncomingMessage, socket: Duplex) => {
      this.proxyAttempts.push(`CONNECT ${req.url ?? ''}`);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    });
    this.proxy = proxy;
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyPort = (proxy.address() as AddressInfo).port;

    this.browser = await chromium.launch({
      executablePath: this.options.executablePath,
      headless: true,
      // Fewer background requests to refuse; the proxy catches whatever Chromium still tries.
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', `--proxy-server=http://127.0.0.1:${proxyPort}`],
    });
    const context = await this.browser.newContext({
      viewport: this.options.viewport,
      locale: this.options.locale,
      timezoneId: this.options.timezoneId,
      serviceWorkers: 'block',
    });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLoopbackUrl(url)) return route.continue();
      this.aborted.push(url);
      return route.abort('blockedbyclient');
    });
    await context.routeWebSocket(
      (url) => !isLoopbackUrl(url.href),
      async (ws) => {
        this.aborted.push(ws.url());
        await ws.close({ code: 1008, reason: 'blocked: not loopback' });
      },
    );
    this.context = context;
    return context;
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    this.browser = undefined;
    const proxy = this.proxy;
    if (proxy) {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
    this.proxy = undefined;
  }
}
