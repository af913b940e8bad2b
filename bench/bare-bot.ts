import { ConnectorStandIn } from '../test/support/connector-stand-in';
import { loadSampleDirectory } from '../test/support/test-directory';
import { measureLevels, type LevelResult } from './levels';
import { ServerProcess } from './server-process';
import { conversations, pressSubmit, say } from './traffic';

export interface BareBotResults {
  /** Message POST → HTTP 200, after the echo went to the stand-in. */
  echo: LevelResult[];
  /** Invoke POST → HTTP response with a fixed card. */
  invoke: LevelResult[];
}

/** Measures the bare bot (servers/bare-app.ts) in its own process, with the same load and the same stand-in as ours. */
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
