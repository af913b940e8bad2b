import { describe, expect, it } from 'vitest';
import type { Case, OwningAuthority } from '../../../src/domain/case/case';
import { authorityKey } from '../../../src/domain/retention/owning-authority';
import {
  endedAt,
  eraseCase,
  eraseParts,
  erasureCutoff,
  isDueForErasure,
  ownersDueForErasure,
  retentionRuleFor,
  type RetentionSettings,
} from '../../../src/domain/retention/retention';
import { aClosedCase, personalMarkers, withPartOwners } from '../../support/a-closed-case';
import { aCase } from '../../support/a-case';

const settings: RetentionSettings = {
  education_committee: { days: 730, decision: 'UBN 2026/1' },
  district_committee: { days: 3650, decision: 'SDN 2026/2' },
};
const closedCase = (closedAt: string, overrides: Partial<Case> = {}): Case => ({ ...aClosedCase(closedAt), reference: 'FAR-2026-0001', version: 3, ...overrides });

describe('which cases are due for erasure', () => {
  it.each<[string, string, boolean]>([
    ['closed in the afternoon exactly 730 days before', '2024-12-03T14:00:00.000Z', true],
    ['closed in the afternoon 729 days before', '2024-12-04T14:00:00.000Z', false],
    ['closed at 23:59 in summer (CEST) exactly 730 days before', '2024-06-02T21:59:00.000Z', true],
    ['closed at 00:30 Stockholm time 729 days before (still the day before in UTC)', '2024-12-03T23:30:00.000Z', false],
    ['closed at 23:30 in winter (CET) 730 days before: one day late, never early', '2024-12-03T22:30:00.000Z', false],
  ])('an education-committee case %s: due %s (730 days)', (_name, closedAt, due) => {
    const today = closedAt.startsWith('2024-06') ? '2026-06-02' : '2026-12-03';
    expect(isDueForErasure(closedCase(closedAt), settings, today)).toBe(due);
  });

  it("follows the owner's own period", () => {
    const old = '2022-01-10T10:00:00.000Z';
    expect(isDueForErasure(closedCase(old), settings, '2026-12-03')).toBe(true);
    expect(isDueForErasure(closedCase(old, { owner: { kind: 'district_committee', districtCode: 'FAR' } }), settings, '2026-12-03')).toBe(false);
  });

  it('never erases an open case, and never erases twice', () => {
    for (const state of ['awaiting_consent', 'new', 'assigned', 'handed_over'] as const)
      expect(isDueForErasure(closedCase('2020-01-01T10:00:00.000Z', { state }), settings, '2026-12-03')).toBe(false);
    expect(isDueForErasure(closedCase('2020-01-01T10:00:00.000Z', { erasedAt: '2023-01-01T00:00:00.000Z' }), settings, '2026-12-03')).toBe(false);
  });

  it('counts a merged case from its merge, also when it was merged before merges set closedAt', () => {
    const merged = aCase({ state: 'merged', history: [{ at: '2020-05-01T10:00:00.000Z', by: 'sst-1', type: 'merged_into' }] });
    expect(endedAt(merged)).toBe('2020-05-01T10:00:00.000Z');
    expect(isDueForErasure(merged, settings, '2026-12-03')).toBe(true);
  });

  it('puts the cutoff at 22:00Z of today minus the period, the last instant of that date in Stockholm in summer', () => {
    expect(erasureCutoff('2026-12-03', 730)).toBe('2024-12-03T22:00:00.000Z');
    expect(erasureCutoff('2026-03-01', 1)).toBe('2026-02-28T22:00:00.000Z');
  });
});

describe('the erased case', () => {
  const closed = closedCase('2024-01-10T10:00:00.000Z');
  const erased = eraseCase(closed, '2026-12-03T02:00:00.000Z');

  it('has no pupil, absence, school steps, consent or free text left', () => {
    expect(Object.values(personalMarkers).filter((m) => JSON.stringify(erased).includes(m))).toEqual([]);
    expect([erased.pupil, erased.absence, erased.steps, erased.consent, erased.text]).toEqual([undefined, undefined, undefined, undefined, '']);
    expect(erased.questions?.map((q) => [q.text, q.answer?.text])).toEqual([['', '']]);
    expect(erased.handover?.summary).toBe('');
    expect(erased.handover?.inputRequests.map((q) => [q.text, q.answer?.text])).toEqual([['', '']]);
  });

  it('drops the follow-up absence figures with the rest of the absence', () => {
    const followedUp = { ...closed, attendance: [{ on: '2023-12-12', totalPercent: 25, unexcusedPercent: 10, by: closed.reporterId }] };
    expect(eraseCase(followedUp, '2026-12-03T02:00:00.000Z').attendance).toBeUndefined();
  });

  it('keeps reference, kind, state, dates, routing, support level, outcome, codes and history for anonymous counts', () => {
    const { pupil: _p, absence: _a, steps: _s, consent: _c, text: _t, questions: _q, handover: _h, ...kept } = closed;
    expect(erased).toMatchObject({ ...kept, erasedAt: '2026-12-03T02:00:00.000Z' });
    expect(erased.handover).toMatchObject({ state: 'closed', unitId: 'FAR-INV', legalGround: 'consent', outcome: closed.handover?.outcome });
  });

  it('is the same when erased again', () => {
    expect(eraseCase(erased, '2027-01-01T00:00:00.000Z')).toEqual(erased);
  });
});

describe("each owner's period", () => {
  const perOwner: RetentionSettings = {
    education_committee: { days: 730, decision: 'UBN 2026/1' },
    district_committee: { days: 365, decision: 'SDN 2026/2' },
    districts: { SKA: { days: 1095, decision: 'SDN Skarpnäck 2026/3' } },
  };
  const far: OwningAuthority = { kind: 'district_committee', districtCode: 'FAR' };
  const ska: OwningAuthority = { kind: 'district_committee', districtCode: 'SKA' };
  const independent: OwningAuthority = { kind: 'independent_school', schoolId: 'eav-ies-enskede' };

  it.each<[string, OwningAuthority, RetentionSettings, string | undefined]>([
    ['the education committee', { kind: 'education_committee' }, perOwner, 'UBN 2026/1'],
    ['a district committee without its own decision', far, perOwner, 'SDN 2026/2'],
    ['a district committee with its own decision', ska, perOwner, 'SDN Skarpnäck 2026/3'],
    ['an independent school, with a period set', independent, { ...perOwner, independent_school: { days: 1825, decision: 'Huvudman 2026' } }, 'Huvudman 2026'],
    ['an independent school, without a period: kept', independent, perOwner, undefined],
  ])('%s follows its own rule', (_name, owner, s, decision) => {
    expect(retentionRuleFor(owner, s)?.decision).toBe(decision);
  });

  // Closed (and its handover closed) on 10 January 2024: FAR's 365 days run out on 9 January 2025, the
  // education committee's 730 on 9 January 2026, Skarpnäck's 1095 on 9 January 2027.
  const tagged: Case = { ...withPartOwners(closedCase('2024-01-10T10:00:00.000Z'), { team: far, unit: ska }), reference: 'FAR-2024-0001', version: 3 };
  const dueOn = (c: Case, today: string): string[] => ownersDueForErasure(c, perOwner, today).map((d) => authorityKey(d.owner));

  it.each<[string, string[]]>([
    ['2025-01-08', []],
    ['2025-01-09', ['district_committee:FAR']],
    ['2026-01-08', ['district_committee:FAR']],
    ['2026-01-09', ['education_committee', 'district_committee:FAR']],
    ['2027-01-09', ['education_committee', 'district_committee:FAR', 'district_committee:SKA']],
  ])('on %s the parts of %j are due', (today, owners) => {
    expect(dueOn(tagged, today)).toEqual(owners);
  });

  it.each<[string, OwningAuthority, string[]]>([
    ['the school side', { kind: 'education_committee' }, [personalMarkers.initials, personalMarkers.text, personalMarkers.answer]],
    ["the team's district committee", far, [personalMarkers.question, personalMarkers.summary, personalMarkers.inputAnswer]],
    ["the unit's district committee", ska, [personalMarkers.inputRequest]],
  ])("erasing %s's parts removes its texts and nobody else's", (_name, owner, gone) => {
    const erased = eraseParts(tagged, [owner], '2027-01-09T02:00:00.000Z');
    const json = JSON.stringify(erased);
    expect(Object.values(personalMarkers).filter((m) => !json.includes(m)).sort()).toEqual([...gone].sort());
    expect(erased.erasures).toEqual([{ owner, at: '2027-01-09T02:00:00.000Z' }]);
    expect(erased.erasedAt).toBeUndefined();
  });

  it('marks the case wholly erased once every owner is, and does not erase an owner twice', () => {
    const first = eraseParts(tagged, [far], '2025-01-09T02:00:00.000Z');
    expect(dueOn(first, '2026-01-09')).toEqual(['education_committee']);
    const second = eraseParts(first, [{ kind: 'education_committee' }], '2026-01-09T02:00:00.000Z');
    const last = eraseParts(second, [ska], '2027-01-09T02:00:00.000Z');
    expect(last.erasures?.map((e) => [authorityKey(e.owner), e.at])).toEqual([
      ['district_committee:FAR', '2025-01-09T02:00:00.000Z'],
      ['education_committee', '2026-01-09T02:00:00.000Z'],
      ['district_committee:SKA', '2027-01-09T02:00:00.000Z'],
    ]);
    expect(last.erasedAt).toBe('2027-01-09T02:00:00.000Z');
    expect(Object.values(personalMarkers).filter((m) => JSON.stringify(last).includes(m))).toEqual([]);
    expect(dueOn(last, '2040-01-01')).toEqual([]);
  });

  it('keeps the handover parts while the handover is open, and counts them from its close when that comes later', () => {
    const h = tagged.handover;
    if (h === undefined) throw new Error('the tagged case has a handover');
    const { closedAt: _open, ...openHandover } = h;
    expect(dueOn({ ...tagged, handover: { ...openHandover, state: 'outcome_reported' } }, '2040-01-01')).toEqual(['education_committee']);
    const closedLater = { ...tagged, handover: { ...h, closedAt: '2024-07-01T10:00:00.000Z' } };
    expect(dueOn(closedLater, '2025-01-09')).toEqual([]);
    expect(dueOn(closedLater, '2025-07-01')).toEqual(['district_committee:FAR']);
  });

  it('never erases what an owner without a period owns', () => {
    const fromIndependent = { ...withPartOwners(closedCase('2024-01-10T10:00:00.000Z', { owner: independent }), { team: far, unit: ska }), reference: 'EAV-2024-0001', version: 3 };
    expect(dueOn(fromIndependent, '2040-01-01')).toEqual(['district_committee:FAR', 'district_committee:SKA']);
  });
});
