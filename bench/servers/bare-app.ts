import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import restify, { type Server } from 'restify';

/**
 * The floor: the smallest teams-ai bot, set up as the teams-ai samples do (TeamsAdapter in local mode,
 * restify with bodyParser), that echoes a message through the Bot Connector and answers one
 * Action.Execute verb with a fixed card. No store, no logging, no validation.
 * Imports nothing but teams-ai and restify, so that bare-main.ts can run it as plain JavaScript too.
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
