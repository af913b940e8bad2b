import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import restify, { type Server } from 'restify';
import { ConnectorStandIn } from '../test/support/connector-stand-in';
import { loadSampleDirectory } from '../test/support/test-directory';
import { measureLevels, type LevelResult } from './levels';
import { ServerProcess } from './server-process';
import { conversations, pressSubmit, say } from './traffic';

/**
 * The floor: the smallest teams-ai bot, set up as the teams-ai samples do (TeamsAdapter in local mode,
 * restify with bodyParser), that echoes a message through the Bot Connector and answers one
 * Action.Execute verb with a fixed card. No store, no logging, no validation.
 */
export function createBareBot(): Server {
  const adapter = new TeamsAdapter({});
  const app = new Application<TurnState>({ adapter, startTypingTimer: false, longRunningMessages: false });
  app.activity('message', async (context) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  });
  app.adaptiveCards.actionExecute('report.submit', async () => ({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: 'Tack!' }],
  }));
  const server = restify.createServer({ name: 'bare-bot' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await app.run(context);
    });
  });
  return server;
}

export interface BareBotResults {
  /** Message POST → HTTP 200, after the echo went to the stand-in. */
  echo: LevelResult[];
  /** Invoke POST → HTTP response with a fixed card. */
  invoke: LevelResult[];
}

/** Measures the bare bot in its own process, with the same load and the same stand-in as ours. */
export async function measureBareBot(): Promise<BareBotResults> {
  const convs = conversations(loadSampleDirectory(), 50);
  const connector = new ConnectorStandIn({ record: false });
  const serviceUrl = await connector.start();
  try {
    const server = await ServerProcess.start('bare', { BENCH_SERVICE_URL: serviceUrl });
    try {
      const pick = (w: number) => {
        const conv = convs[w % convs.length];
        if (!conv) throw new Error(`no conversation ${w}`);
        return conv;
      };
      const echo = await measureLevels(server, 300, (client, w) => say(client, serviceUrl, pick(w), 'hjälp'));
      const invoke = await measureLevels(server, 300, (client, w) => pressSubmit(client, serviceUrl, pick(w)));
      return { echo, invoke };
    } finally {
      await server.stop();
    }
  } finally {
    await connector.stop();
  }
}
