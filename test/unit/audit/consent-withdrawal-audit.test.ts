import { describe, expect, it } from 'vitest';
import { auditDisclosures } from '../../../src/app/audit-disclosures';
import type { Case } from '../../../src/domain/case/case';
import type { Handover } from '../../../src/domain/handover/handover';
import { aCase, people, testDirectory } from '../../support/a-case';
import { InMemoryCaseStore } from '../../support/in-memory-case-store';

const at = '2026-11-24T10:00:00.000Z';
const handover = (legalGround: Handover['legalGround']): Handover => ({
  state: 'acknowledged',
  unitId: 'FAR-INV',
  urgent: false,
  summary: 'Frånvaron ökar trots insatser.',
  legalGround,
  handedOverBy: people.farMember1,
  handedOverAt: '2026-11-20T09:00:00.000Z',
  receivedOn: '2026-11-20',
  forwards: [],
  inputRequests: [],
});

async function stoppedAfterWithdrawal(c: Case) {
  const store = new InMemoryCaseStore();
  await auditDisclosures(store, at, people.farCoordinator, c, [{ caseId: c.id, at, by: people.farCoordinator, type: 'ConsentWithdrawn', scope: ['absence', 'school_steps'] }], testDirectory);
  return (await store.listAudit({ caseId: c.id })).filter((e) => e.action === 'disclosure_stopped').map((e) => e.detail);
}

describe('the audit of a withdrawn consent', () => {
  it('records that disclosure to the team stops, with the scope', async () => {
    expect(await stoppedAfterWithdrawal(aCase())).toEqual([{ what: 'absence,school_steps', to: 'FAR-SST-1', legalGround: 'consent' }]);
  });

  it('also records it for the unit when the handover rested on the consent, not when it rested on another ground', async () => {
    expect(await stoppedAfterWithdrawal(aCase({ state: 'handed_over', handover: handover('consent') }))).toEqual([
      { what: 'absence,school_steps', to: 'FAR-SST-1', legalGround: 'consent' },
      { what: 'absence,school_steps', to: 'FAR-INV', legalGround: 'consent' },
    ]);
    expect(await stoppedAfterWithdrawal(aCase({ state: 'handed_over', handover: handover('reporting_duty') }))).toHaveLength(1);
  });
});
