import { InMemoryCaseStore } from '../support/in-memory-case-store';
import { InMemoryOutbox } from '../support/in-memory-outbox';
import { outboxContract } from './outbox.contract';

outboxContract('InMemoryOutbox', async () => {
  const records = new InMemoryCaseStore();
  const side = { outbox: new InMemoryOutbox(records), records };
  return { ...side, another: async () => side, cleanup: async () => {} };
}, { releasesOnSettle: true });
