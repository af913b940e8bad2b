import { InMemoryCaseStore } from '../support/in-memory-case-store';
import { InMemoryOutbox } from '../support/in-memory-outbox';
import { outboxContract } from './outbox.contract';

outboxContract('InMemoryOutbox', async () => {
  const side = { outbox: new InMemoryOutbox(), records: new InMemoryCaseStore() };
  return { ...side, another: async () => side, cleanup: async () => {} };
});
