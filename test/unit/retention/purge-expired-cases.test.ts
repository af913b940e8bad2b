import { describe, expect, it } from 'vitest';
import { purgeExpiredCases, retentionActorId } from '../../../src/app/purge-expired-cases';
import type { Directory } from '../../../src/domain/routing/directory';
import { aClosedCase, personalMarkers, withPartOwners } from '../../support/a-closed-case';
import { aNewCase } from '../../support/a-new-case';
import { FixedClock } from '../../support/fixed-clock';
import { InMemoryCaseStore } from '../../support/in-memory-case-store';
import { loadSampleDirectory } from '../../support/test-directory';

const sample = loadSampleDirectory();
const directory: Directory = {
  ...sample,
  retention: {
    education_committee: { days: 730, decision: 'UBN 2026/1' },
    district_committee: { days: 365, decision: 'SDN 2026/2' },
  },
};

const far = { kind: 'district_committee', districtCode: 'FAR' } as const;

async function storeWithCases() {
  const store = new InMemoryCaseStore();
  const create = async (c: ReturnType<typeof aNewCase>) => (await store.createCase(c, 2024)).case;
  const expired = await create(withPartOwners(aClosedCase('2024-01-10T10:00:00.000Z'), { team: far, unit: far }));
  const halfway = await create(withPartOwners(aClosedCase('2025-06-10T10:00:00.000Z'), { team: far, unit: far }));
  const recent = await create(aClosedCase('2026-06-10T10:00:00.000Z'));
  const open = await create(aNewCase({ createdAt: '2020-01-01T10:00:00.000Z' }));
  return { store, expired, halfway, recent, open };
}

const erased = (at: string, caseId: string, owner: string, days: string, decision: string, parts: string) => ({
  at,
  actorId: retentionActorId,
  action: 'case.erased',
  caseId,
  detail: { basis: 'records_retention_decision', owner, parts, days, decision },
});
const schoolParts = 'report,reporter_answer';
const teamAndUnitParts = 'team_question,handover_summary,acknowledgement,outcome,input_request,input_answer';

describe('the retention purge', () => {
  it("erases each owner's parts when its own period has run out, audits each owner with its legal basis, and leaves the rest", async () => {
    const { store, expired, halfway, recent, open } = await storeWithCases();
    const clock = new FixedClock('2026-12-03T02:00:00.000Z');

    expect(await purgeExpiredCases({ store, clock, directory: () => directory }, 1)).toEqual({ configured: true, erased: 3, conflicts: 0 });

    const wholly = await store.getCase(expired.id);
    expect(wholly?.erasedAt).toBe('2026-12-03T02:00:00.000Z');
    expect(Object.values(personalMarkers).filter((m) => JSON.stringify(wholly).includes(m))).toEqual([]);
    // Closed 10 June 2025: the district committee's 365 days have run out, the education committee's 730 have not.
    const partly = await store.getCase(halfway.id);
    expect(partly?.erasedAt).toBeUndefined();
    expect(Object.values(personalMarkers).filter((m) => JSON.stringify(partly).includes(m))).toEqual([
      personalMarkers.initials,
      personalMarkers.text,
      personalMarkers.answer,
    ]);
    expect(await store.getCase(recent.id)).toEqual(recent);
    expect(await store.getCase(open.id)).toEqual(open);
    const now = clock.now();
    expect(await store.listAudit({})).toEqual([
      erased(now, expired.id, 'education_committee', '730', 'UBN 2026/1', schoolParts),
      erased(now, expired.id, 'district_committee:FAR', '365', 'SDN 2026/2', teamAndUnitParts),
      erased(now, halfway.id, 'district_committee:FAR', '365', 'SDN 2026/2', teamAndUnitParts),
      { at: now, actorId: retentionActorId, action: 'retention.purged', detail: { basis: 'records_retention_decision', count: '3', conflicts: '0', today: '2026-12-03' } },
    ]);
  });

  it("erases the rest of a partly erased case when the last owner's period runs out", async () => {
    const { store, halfway } = await storeWithCases();
    await purgeExpiredCases({ store, clock: new FixedClock('2026-12-03T02:00:00.000Z'), directory: () => directory });
    const later = new FixedClock('2027-06-11T02:00:00.000Z');
    await purgeExpiredCases({ store, clock: later, directory: () => directory });
    const read = await store.getCase(halfway.id);
    expect(read?.erasedAt).toBe(later.now());
    expect(Object.values(personalMarkers).filter((m) => JSON.stringify(read).includes(m))).toEqual([]);
    expect((await store.listAudit({ caseId: halfway.id })).map((e) => e.detail?.owner)).toEqual(['district_committee:FAR', 'education_committee']);
  });

  it('erases nothing more when run again, and records the run', async () => {
    const { store } = await storeWithCases();
    const clock = new FixedClock('2026-12-03T02:00:00.000Z');
    await purgeExpiredCases({ store, clock, directory: () => directory });
    const before = await store.listAudit({});
    expect(await purgeExpiredCases({ store, clock, directory: () => directory })).toEqual({ configured: true, erased: 0, conflicts: 0 });
    const after = await store.listAudit({});
    expect(after.slice(before.length).map((e) => [e.action, e.detail?.count])).toEqual([['retention.purged', '0']]);
  });

  it('erases nothing and writes nothing when the directory has no retention section', async () => {
    const { store, expired } = await storeWithCases();
    const { retention: _none, ...withoutRetention } = directory;
    const result = await purgeExpiredCases({ store, clock: new FixedClock('2030-01-01T02:00:00.000Z'), directory: () => withoutRetention });
    expect(result).toEqual({ configured: false });
    expect(await store.getCase(expired.id)).toEqual(expired);
    expect(await store.listAudit({})).toEqual([]);
  });
});
