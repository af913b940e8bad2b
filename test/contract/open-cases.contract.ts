import { describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports/case-store';
import { caseStates, type Case, type CaseState, type NewCase } from '../../src/domain/case/case';
import type { Handover } from '../../src/domain/handover/handover';
import { aNewCase } from '../support/a-new-case';

/** Part of caseStoreContract: team queues and duplicate candidates. `store` gives the current test's store. */
export function openCasesContract(store: () => CaseStore): void {
  const create = async (newCase: NewCase): Promise<Case> => (await store().createCase(newCase, 2026)).case;
  const ids = (cases: Case[]): string[] => cases.map((c) => c.id);
  const at = (day: number): string => `2026-11-${day}T08:00:00.000Z`;

  /** A case routed to a district's fallback contact because its school has no SST team. */
  const aFallbackCase = (districtCode: string, overrides: Partial<NewCase> = {}): NewCase => {
    const base = aNewCase(overrides);
    const { sstTeamId: _team, ...routing } = base.routing;
    return {
      ...base,
      routing: { ...routing, fallbackDistrictCode: districtCode, flags: ['no_sst_team'], reasons: [{ code: 'no_sst_team_fallback', districtCode }] },
    };
  };
  const aTeamCase = (teamId: string, overrides: Partial<NewCase> = {}): NewCase => {
    const base = aNewCase(overrides);
    return { ...base, routing: { ...base.routing, sstTeamId: teamId } };
  };

  describe('team queues and duplicate candidates', () => {
    // Typed as a record over every state, so a new state cannot be added without deciding where it shows.
    const visibility: Record<CaseState, { inQueue: boolean; openAtSchool: boolean }> = {
      awaiting_consent: { inQueue: false, openAtSchool: true },
      new: { inQueue: true, openAtSchool: true },
      assigned: { inQueue: true, openAtSchool: true },
      handed_over: { inQueue: true, openAtSchool: true },
      closed: { inQueue: false, openAtSchool: false },
      merged: { inQueue: false, openAtSchool: false },
    };

    const rows = caseStates.map((state) => ({ state, ...visibility[state] }));
    it.each(rows)('a case in state $state: in its queue $inQueue, a duplicate candidate $openAtSchool', async ({ state, inQueue, openAtSchool }) => {
      const teamCase = await create(aTeamCase('FAR-SST-1', { state, schoolId: 'far-skolan-a' }));
      const fallbackCase = await create(aFallbackCase('NIN', { state, schoolId: 'nin-skolan-b' }));
      expect(ids(await store().listOpenCases({ teamId: 'FAR-SST-1' }, 10))).toEqual(inQueue ? [teamCase.id] : []);
      expect(ids(await store().listOpenCases({ fallbackDistrictCode: 'NIN' }, 10))).toEqual(inQueue ? [fallbackCase.id] : []);
      expect(ids(await store().listOpenCasesAtSchool('far-skolan-a', 10))).toEqual(openAtSchool ? [teamCase.id] : []);
      expect(ids(await store().listOpenCasesAtSchool('nin-skolan-b', 10))).toEqual(openAtSchool ? [fallbackCase.id] : []);
    });

    it("lists only the asked team's or district's cases, and reads them back whole", async () => {
      const far1 = await create(aTeamCase('FAR-SST-1'));
      const far2 = await create(aTeamCase('FAR-SST-2'));
      const ninFallback = await create(aFallbackCase('NIN'));
      const broFallback = await create(aFallbackCase('BRO'));
      expect(await store().listOpenCases({ teamId: 'FAR-SST-1' }, 10)).toEqual([far1]);
      expect(await store().listOpenCases({ teamId: 'FAR-SST-2' }, 10)).toEqual([far2]);
      expect(await store().listOpenCases({ fallbackDistrictCode: 'NIN' }, 10)).toEqual([ninFallback]);
      expect(await store().listOpenCases({ fallbackDistrictCode: 'BRO' }, 10)).toEqual([broFallback]);
      // A team id is not a district code and the other way round: the two filters never mix.
      expect(await store().listOpenCases({ fallbackDistrictCode: 'FAR' }, 10)).toEqual([]);
      expect(await store().listOpenCases({ teamId: 'NIN' }, 10)).toEqual([]);
      expect(await store().listOpenCases({ teamId: 'FAR-SST-9' }, 10)).toEqual([]);
    });

    it("lists only the asked school's cases, whatever team they went to", async () => {
      const a = await create(aTeamCase('FAR-SST-1', { schoolId: 'far-skolan-a', createdAt: at(20) }));
      const b = await create(aFallbackCase('FAR', { schoolId: 'far-skolan-a', createdAt: at(21) }));
      await create(aTeamCase('FAR-SST-1', { schoolId: 'far-skolan-b' }));
      expect(await store().listOpenCasesAtSchool('far-skolan-a', 10)).toEqual([a, b]);
      expect(await store().listOpenCasesAtSchool('far-skolan-c', 10)).toEqual([]);
    });

    it('lists oldest first and stops at the limit, keeping the oldest', async () => {
      for (const day of [22, 20, 23, 21]) {
        await create(aTeamCase('FAR-SST-1', { createdAt: at(day), schoolId: 'far-skolan-a' }));
        await create(aFallbackCase('NIN', { createdAt: at(day), schoolId: 'nin-skolan-b' }));
      }
      const createdAt = (cases: Case[]) => cases.map((c) => c.createdAt);
      expect(createdAt(await store().listOpenCases({ teamId: 'FAR-SST-1' }, 10))).toEqual([at(20), at(21), at(22), at(23)]);
      expect(createdAt(await store().listOpenCases({ teamId: 'FAR-SST-1' }, 2))).toEqual([at(20), at(21)]);
      expect(createdAt(await store().listOpenCases({ fallbackDistrictCode: 'NIN' }, 3))).toEqual([at(20), at(21), at(22)]);
      expect(createdAt(await store().listOpenCasesAtSchool('far-skolan-a', 10))).toEqual([at(20), at(21), at(22), at(23)]);
      expect(createdAt(await store().listOpenCasesAtSchool('nin-skolan-b', 1))).toEqual([at(20)]);
      expect(await store().listOpenCases({ teamId: 'FAR-SST-1' }, 0)).toEqual([]);
      expect(await store().listOpenCasesAtSchool('far-skolan-a', 0)).toEqual([]);
    });

    it('follows updates: a taken case stays, a re-routed case moves, a closed case leaves', async () => {
      const created = await create(aTeamCase('FAR-SST-1', { schoolId: 'far-skolan-a' }));
      const taken = await store().updateCase({ ...created, state: 'assigned', assigneeId: 'sst-1' }, 1);
      if (!taken.ok) throw new Error(`taking the case failed: ${taken.reason}`);
      expect(await store().listOpenCases({ teamId: 'FAR-SST-1' }, 10)).toEqual([taken.case]);

      const rerouted = await store().updateCase({ ...taken.case, routing: { ...taken.case.routing, sstTeamId: 'FAR-SST-2' } }, 2);
      if (!rerouted.ok) throw new Error(`re-routing the case failed: ${rerouted.reason}`);
      expect(await store().listOpenCases({ teamId: 'FAR-SST-1' }, 10)).toEqual([]);
      expect(await store().listOpenCases({ teamId: 'FAR-SST-2' }, 10)).toEqual([rerouted.case]);
      expect(await store().listOpenCasesAtSchool('far-skolan-a', 10)).toEqual([rerouted.case]);

      // The team was dissolved: the case goes to the district's fallback contact.
      const { sstTeamId: _team, ...withoutTeam } = rerouted.case.routing;
      const toFallback = await store().updateCase({ ...rerouted.case, routing: { ...withoutTeam, fallbackDistrictCode: 'FAR' } }, 3);
      if (!toFallback.ok) throw new Error(`re-routing the case to the fallback contact failed: ${toFallback.reason}`);
      expect(await store().listOpenCases({ teamId: 'FAR-SST-2' }, 10)).toEqual([]);
      expect(await store().listOpenCases({ fallbackDistrictCode: 'FAR' }, 10)).toEqual([toFallback.case]);

      expect((await store().updateCase({ ...toFallback.case, state: 'closed', outcome: 'back_in_school' }, 4)).ok).toBe(true);
      expect(await store().listOpenCases({ fallbackDistrictCode: 'FAR' }, 10)).toEqual([]);
      expect(await store().listOpenCasesAtSchool('far-skolan-a', 10)).toEqual([]);
    });
  });
}

/** Part of caseStoreContract: the handovers at an investigation unit. */
export function openHandoversContract(store: () => CaseStore): void {
  const handover = (unitId: string, state: Handover['state'], handedOverAt: string): Handover => ({
    state,
    unitId,
    urgent: false,
    summary: 'Sammanfattning',
    legalGround: 'consent',
    handedOverBy: 'sst-1',
    handedOverAt,
    receivedOn: handedOverAt.slice(0, 10),
    forwards: [],
    inputRequests: [],
  });
  const create = async (h: Handover | undefined): Promise<Case> =>
    (await store().createCase(aNewCase({ state: h ? 'handed_over' : 'assigned', ...(h ? { handover: h } : {}) }), 2026)).case;

  describe('handovers at a unit', () => {
    it('lists the handovers at the unit that are not closed, oldest handover first, within the limit', async () => {
      const second = await create(handover('FAR-INV', 'acknowledged', '2026-11-20T09:00:00.000Z'));
      const first = await create(handover('FAR-INV', 'pending', '2026-11-19T09:00:00.000Z'));
      const third = await create(handover('FAR-INV', 'outcome_reported', '2026-11-21T09:00:00.000Z'));
      await create(handover('FAR-INV', 'closed', '2026-11-18T09:00:00.000Z'));
      await create(handover('SKA-INV', 'pending', '2026-11-17T09:00:00.000Z'));
      await create(undefined);
      expect((await store().listOpenHandovers('FAR-INV', 10)).map((c) => c.id)).toEqual([first.id, second.id, third.id]);
      expect((await store().listOpenHandovers('FAR-INV', 2)).map((c) => c.id)).toEqual([first.id, second.id]);
      expect(await store().listOpenHandovers('BRO-INV', 10)).toEqual([]);
    });

    it('follows a handover forwarded to another unit', async () => {
      const moved = await create(handover('FAR-INV', 'pending', '2026-11-20T09:00:00.000Z'));
      const h = moved.handover;
      if (!h) throw new Error('no handover');
      await store().updateCase({ ...moved, handover: { ...h, unitId: 'SKA-INV' } }, moved.version);
      expect(await store().listOpenHandovers('FAR-INV', 10)).toEqual([]);
      expect((await store().listOpenHandovers('SKA-INV', 10)).map((c) => c.id)).toEqual([moved.id]);
    });
  });
}
