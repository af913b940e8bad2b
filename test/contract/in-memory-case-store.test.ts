import { InMemoryCaseStore } from '../support/in-memory-case-store';
import { caseStoreContract } from './case-store.contract';

caseStoreContract('InMemoryCaseStore', async () => ({ store: new InMemoryCaseStore(), cleanup: async () => {} }));
