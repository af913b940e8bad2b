import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container, CosmosClient } from '@azure/cosmos';
import { decideCaseUpdate, toUpdateResult } from '../../src/adapters/store/cosmos/case-update';
import { createCosmosCall } from '../../src/adapters/store/cosmos/cosmos-call';
import type { CosmosCaseStore } from '../../src/adapters/store/cosmos/cosmos-case-store';
import { caseCodecOf } from '../../src/adapters/store/cosmos/cosmos-items';
import { createCosmosRetry } from '../../src/adapters/store/cosmos/cosmos-retry';
import { readModifyWrite, type Decision, type Versioned } from '../../src/adapters/store/cosmos/read-modify-write';
import type { Case } from '../../src/domain/case/case';
import { aNewCase } from '../support/a-new-case';
import { aDatabaseId, CosmosEmulator } from '../support/cosmos-emulator';
import { stockholmTime } from '../support/fixed-clock';

const caseCodec = caseCodecOf(stockholmTime);

// The If-Match path of an update, made deterministic: another writer changes the item between our read and
// our write, so our replace meets a 412.
const emulator = new CosmosEmulator();
afterAll(() => emulator.stop());

describe('read-modify-write with If-Match on a case', () => {
  let databaseId: string;
  let store: CosmosCaseStore;
  let cases: Container;
  let client: CosmosClient;
  let created: Case;
  const cosmos = createCosmosCall(createCosmosRetry());

  beforeEach(async () => {
    databaseId = aDatabaseId('if-match');
    store = await emulator.openStore(databaseId);
    created = (await store.createCase(aNewCase(), 2026)).case;
    client = await emulator.client();
    cases = client.database(databaseId).container('cases');
  });
  afterEach(async () => {
    client.dispose();
    await store.close();
    await emulator.dropDatabase(databaseId);
  });

  /** Wraps a decision so that, the first time only, another writer replaces the item with `interfering`. */
  function interferedOnce(decide: (current: Versioned<Case> | undefined) => Decision<Case, 'not_found' | 'conflict'>, interfering: (c: Case) => Case) {
    const seen = { decisions: 0 };
    const wrapped = async (current: Versioned<Case> | undefined) => {
      seen.decisions += 1;
      if (seen.decisions === 1 && current) await cases.item(current.value.id, current.value.id).replace(caseCodec.encode(interfering(current.value)));
      return decide(current);
    };
    return { wrapped, seen };
  }

  const target = () => ({ container: cases, id: created.id, partitionKey: created.id });

  it('reports a conflict when another writer bumped the version between read and write', async () => {
    const { wrapped, seen } = interferedOnce(decideCaseUpdate({ ...created, state: 'closed' }, 1), (c) => ({ ...c, state: 'assigned', version: 2 }));
    const result = toUpdateResult(await readModifyWrite(cosmos, target(), caseCodec, wrapped, 2));
    expect(result).toEqual({ ok: false, reason: 'conflict' });
    expect(seen.decisions).toBe(2);
    expect(await store.getCase(created.id)).toMatchObject({ state: 'assigned', version: 2 });
  });

  it('maps a 412 it could not resolve within its attempts to a conflict, writing nothing', async () => {
    const { wrapped } = interferedOnce(decideCaseUpdate({ ...created, state: 'closed' }, 1), (c) => ({ ...c, text: 'touched' }));
    const result = toUpdateResult(await readModifyWrite(cosmos, target(), caseCodec, wrapped, 1));
    expect(result).toEqual({ ok: false, reason: 'conflict' });
    expect(await store.getCase(created.id)).toMatchObject({ state: 'new', version: 1, text: 'touched' });
  });

  it('writes on the second try when the other write left the version as it was', async () => {
    const { wrapped, seen } = interferedOnce(decideCaseUpdate({ ...created, state: 'assigned' }, 1), (c) => ({ ...c }));
    const result = toUpdateResult(await readModifyWrite(cosmos, target(), caseCodec, wrapped, 2));
    expect(result).toEqual({ ok: true, case: { ...created, state: 'assigned', version: 2 } });
    expect(seen.decisions).toBe(2);
  });

  it('refuses an update that would change the reference, since lookups point at it', async () => {
    await expect(store.updateCase({ ...created, reference: 'FAR-2026-0999' }, 1)).rejects.toThrow(/may not change the reference/);
    expect(await store.getCase(created.id)).toEqual(created);
  });
});
