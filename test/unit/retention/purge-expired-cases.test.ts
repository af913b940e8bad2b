import { describe, expect, it } from 'vitest';
import { purgeExpiredCases, retentionActorId } from '../../../src/app/purge-expired-cases';
import type { Directory } from '../../../src/domain/routing/directory';
import { aClosedCase, personalMarkers } from '../../support/a-closed-case';
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

async function storeWithCases() {
  const store = new InMemoryCaseStore();
  const create = async (c: ReturnType<typeof aNewCase>) => (await store.createCase(c, 2024)).case;
  const expired = await create(aClosedCase('2024-01-10T10:00:00.000Z'));
  const recent = await create(aClosedCase('2026-06-10T10:00:00.000Z'));
  const districtExpired = await create(aClosedCase('2025-06-10T10:00:00.000Z', { owner: { kind: 'district_committee', districtCode: 'FAR' } }));
  const open = await create(aNewCase({ createdAt: '2020-01-01T10:00:00.000Z' }));
  return { store, expired, recent, districtExpired, open };
}

describe('the retention purge', () => {
  it("erases each authority's expired cases, audits each with its legal basis, and leaves the rest", async () => {
    const { store, expired, recent, districtExpired, open } = await storeWithCases();
    const clock = new FixedClock('2026-12-03T02:00:00.000Z');

    expect(await purgeExpiredCases({ store, clock, directory: () => directory }, 1)).toEqual({ configured: true, erased: 2, conflicts: 0 });

    for (const id of [expired.id, districtExpired.id]) {
      const read = await store.getCase(id);
      expect(read?.erasedAt).toBe('2026-12-03T02:00:00.000Z');
      expect(Object.values(personalMarkers).filter((m) => JSON.stringify(read).includes(m))).toEqual([]);
    }
    expect(await store.getCase(recent.id)).toEqual(recent);
    expect(await store.getCase(open.id)).toEqual(open);
    const audit = await store.listAudit({});
    expect(audit).toEqual([
      { at: clock.now(), actorId: retentionActorId, action: 'case.erased', caseId: expired.id, detail: { basis: 'records_retention_decision', owner: 'education_committee', days: '730', decision: 'UBN 2026/1' } },
      { at: clock.now(), actorId: retentionActorId, action: 'case.erased', caseId: districtExpired.id, detail: { basis: 'records_retention_decision', owner: 'district_committee', days: '365', decision: 'SDN 2026/2' } },
      { at: clock.now(), actorId: retentionActorId, action: 'retention.purged', detail: { basis: 'records_retention_decision', count: '2', conflicts: '0', today: '2026-12-03' } },
    ]);
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
