import { describe, expect, it } from 'vitest';
import { newDeliveryRecord } from '../../../src/app/new-delivery-record';
import { recipientKey, type Recipient } from '../../../src/app/ports/addresses';
import type { CaseMessage, DeliveryOutcome, Messenger } from '../../../src/app/ports/messenger';
import { retryUndelivered } from '../../../src/app/retry-undelivered';
import { inboxRecipients } from '../../../src/app/route-to-inbox';
import type { Case } from '../../../src/domain/case/case';
import { aNewCase } from '../../support/a-new-case';
import { people, testDirectory } from '../../support/a-case';
import { FixedClock } from '../../support/fixed-clock';
import { InMemoryCaseStore } from '../../support/in-memory-case-store';
import { caseMessageDrainer } from '../../support/case-message-drainer';

/** A messenger that delivers everything and remembers to whom. */
class RecordingMessenger implements Messenger {
  readonly sentTo: string[] = [];
  async send(recipient: Recipient, _address: unknown, _message: CaseMessage, key: string): Promise<DeliveryOutcome> {
    this.sentTo.push(recipientKey(recipient));
    return { status: 'delivered', messageId: `m-${key}` };
  }
  async update(): Promise<DeliveryOutcome> {
    return { status: 'delivered', messageId: 'updated' };
  }
}

const tenantId = 'tenant-1';
const personOf = (userId: string): Recipient => ({ kind: 'person', tenantId, userId });
const withdrawnConsent = {
  givenBy: 'both_guardians',
  scope: ['absence'],
  recipients: ['sst_team'],
  validUntil: '2027-06-15',
  withdrawnAt: '2026-11-24T10:00:00.000Z',
  withdrawnBy: people.farCoordinator,
} as const;

async function storeWithFailedCards(consent: Case['consent']) {
  const store = new InMemoryCaseStore();
  const { case: c } = await store.createCase(aNewCase({ consent }), 2026);
  const recipients = [personOf(people.farMember1), personOf(people.farMember2), personOf(people.farCoordinator), { kind: 'team_inbox', teamId: 'FAR-SST-1' } as const];
  for (const recipient of recipients)
    await store.saveDelivery({ ...newDeliveryRecord(c, recipient, { what: 'case_card' }, '2026-11-24T10:30:00.000Z'), status: 'failed', attempts: 1 });
  return store;
}

async function retryAndDrain(store: InMemoryCaseStore, messenger: RecordingMessenger): Promise<void> {
  const clock = new FixedClock('2026-11-24T11:00:00.000Z');
  const drainer = caseMessageDrainer({ store, messenger, clock, directory: () => testDirectory });
  await retryUndelivered({ store, clock, directory: () => testDirectory, drainer });
  await drainer.idle();
}

describe('deliveries once the consent is withdrawn', () => {
  it('sends a failed case card again only to the team’s school side, not to its social-services side or shared channel', async () => {
    const store = await storeWithFailedCards({ ...withdrawnConsent, scope: [...withdrawnConsent.scope], recipients: [...withdrawnConsent.recipients] });
    const messenger = new RecordingMessenger();
    await retryAndDrain(store, messenger);
    expect(messenger.sentTo).toEqual([recipientKey(personOf(people.farMember1))]);
  });

  it('sends every failed case card again while the consent is in force', async () => {
    const store = await storeWithFailedCards(aNewCase().consent);
    const messenger = new RecordingMessenger();
    await retryAndDrain(store, messenger);
    expect(messenger.sentTo).toHaveLength(4);
  });

  it('routes a case without a consent in force for the team to its school side only', async () => {
    const store = new InMemoryCaseStore();
    const forUnit = { givenBy: 'both_guardians', scope: ['absence'], recipients: ['investigation_unit'], validUntil: '2027-06-15' } as const;
    const unitOnly: Case = { ...aNewCase(), reference: 'FAR-2026-0001', version: 1, consent: { ...forUnit, scope: ['absence'], recipients: ['investigation_unit'] } };
    expect(await inboxRecipients({ store }, unitOnly, testDirectory)).toEqual([personOf(people.farMember1)]);
    const forTeam: Case = { ...unitOnly, consent: { ...forUnit, scope: ['absence'], recipients: ['sst_team'] } };
    expect((await inboxRecipients({ store }, forTeam, testDirectory)).map(recipientKey).sort()).toEqual(
      [people.farMember1, people.farMember2, people.farCoordinator].map((id) => recipientKey(personOf(id))).sort(),
    );
  });
});
