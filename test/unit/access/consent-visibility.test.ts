import { describe, expect, it } from 'vitest';
import { isCutOffByConsent, rolesFor, whatCanSee, type CaseField, type CaseRole } from '../../../src/domain/access/policy';
import type { Case } from '../../../src/domain/case/case';
import type { Handover } from '../../../src/domain/handover/handover';
import type { Consent, ConsentScope } from '../../../src/domain/report/report';
import { aCase, people, testDirectory } from '../../support/a-case';

/**
 * The consent limits what the team's social-services side sees (domain.md T11, L19a); the school side, the
 * same authority as the reporter, is not limited. Scope × role × field, written out by the rule.
 */
const handover: Handover = {
  state: 'acknowledged',
  unitId: 'FAR-INV',
  urgent: false,
  summary: 'Frånvaron ökar trots insatser.',
  legalGround: 'consent',
  handedOverBy: people.farMember1,
  handedOverAt: '2026-11-20T09:00:00.000Z',
  receivedOn: '2026-11-20',
  forwards: [],
  inputRequests: [],
};

const consent = (scope: ConsentScope[], more: Partial<Consent> = {}): Consent => ({
  givenBy: 'both_guardians',
  scope,
  recipients: ['sst_team', 'investigation_unit'],
  validUntil: '2027-06-15',
  ...more,
});

const caseWith = (k: Consent): Case =>
  aCase({ state: 'handed_over', assigneeId: people.farMember2, handover, consent: k, concerns: ['crime', 'drugs', 'family'], text: 'Fri text.' });

/** The field and the scope that covers it. */
const covered: [CaseField, ConsentScope][] = [
  ['absence', 'absence'],
  ['school_steps', 'school_steps'],
  ['reporter_text', 'description'],
  ['concerns', 'concerns'],
  ['sensitive_concerns', 'concerns'],
];

type Viewer = [label: string, roles: CaseRole[], limited: 'team' | 'unit' | 'not_limited' | 'never'];
const viewers: Viewer[] = [
  ['a social-services member', ['sst_member'], 'team'],
  ['the social-services assignee', ['sst_member', 'assignee'], 'team'],
  ['the coordinator', ['sst_coordinator'], 'team'],
  ['the fallback contact', ['fallback_contact'], 'team'],
  ['a school-side member', ['sst_member', 'team_school_side'], 'not_limited'],
  ['the school-side assignee', ['sst_member', 'assignee', 'team_school_side'], 'not_limited'],
  ['an investigator (handover on consent)', ['investigator'], 'unit'],
  ['the reporter', ['reporter'], 'never'],
];

const unitFields: readonly CaseField[] = ['absence', 'school_steps', 'concerns', 'sensitive_concerns'];
const scopes: ConsentScope[][] = [[], ['absence'], ['school_steps'], ['description'], ['concerns'], ['absence', 'school_steps', 'description', 'concerns']];

const rows = scopes.flatMap((scope) =>
  viewers.flatMap(([label, roles, limited]) =>
    covered.map(([field, needs]) => {
      const visible =
        limited === 'never' ? false : limited === 'not_limited' ? true : limited === 'unit' ? unitFields.includes(field) && scope.includes(needs) : scope.includes(needs);
      return [scope.join('+') || 'nothing', label, field, visible, roles, scope] as const;
    }),
  ),
);

describe('what the consent lets each side of the team see', () => {
  it.each(rows)('consent covering %s: %s sees %s → %s', (_s, _label, field, visible, roles, scope) => {
    expect(whatCanSee(roles, caseWith(consent(scope))).fields.includes(field)).toBe(visible);
  });

  it.each(viewers.filter(([, , limited]) => limited === 'team'))('still shows %s whom the case is about and the consent itself', (_label, roles) => {
    const fields = whatCanSee(roles, caseWith(consent([]))).fields;
    expect(fields).toEqual(expect.arrayContaining(['pupil', 'home_district', 'consent', 'history', 'handover_summary']));
  });

  it.each(covered)('hides %s from the social-services side once the consent is withdrawn, not from the school side', (field) => {
    const withdrawn = caseWith(consent(['absence', 'school_steps', 'description', 'concerns'], { withdrawnAt: '2026-11-24T10:00:00.000Z' }));
    expect(whatCanSee(['sst_member', 'assignee'], withdrawn).fields).not.toContain(field);
    expect(whatCanSee(['sst_member', 'team_school_side'], withdrawn).fields).toContain(field);
  });

  it.each(unitFields)('hides %s from the investigator of a handover on a withdrawn consent', (field) => {
    const withdrawn = caseWith(consent(['absence', 'school_steps', 'description', 'concerns'], { withdrawnAt: '2026-11-24T10:00:00.000Z' }));
    expect(whatCanSee(['investigator'], withdrawn).fields).not.toContain(field);
  });

  it('lets through to each recipient only what a consent addressed to them covers', () => {
    const teamOnly = caseWith(consent(['absence'], { recipients: ['sst_team'] }));
    expect(whatCanSee(['sst_member'], teamOnly).fields).toContain('absence');
    expect(whatCanSee(['investigator'], teamOnly).fields).not.toContain('absence');
    const unitOnly = caseWith(consent(['absence'], { recipients: ['investigation_unit'] }));
    expect(whatCanSee(['sst_member'], unitOnly).fields).not.toContain('absence');
    expect(whatCanSee(['investigator'], unitOnly).fields).toContain('absence');
  });

  it('reads a consent recorded before recipients were asked as one for the team only', () => {
    const { recipients: _r, ...legacy } = consent(['absence']);
    expect(whatCanSee(['sst_member'], caseWith(legacy)).fields).toContain('absence');
    expect(whatCanSee(['investigator'], caseWith(legacy)).fields).not.toContain('absence');
  });
});

describe('the team side in the directory', () => {
  it('puts a member tagged school on the school side and anyone untagged or tagged social services on the other', () => {
    const c = aCase();
    expect(rolesFor(people.farMember1, c, testDirectory)).toContain('team_school_side');
    expect(rolesFor(people.farMember2, c, testDirectory)).not.toContain('team_school_side');
    expect(rolesFor(people.farCoordinator, c, testDirectory)).not.toContain('team_school_side');
    const untagged = {
      ...testDirectory,
      sstTeams: testDirectory.sstTeams.map((t) => ({ ...t, members: t.members.map(({ id, name }) => ({ id, name })) })),
    };
    expect(rolesFor(people.farMember1, c, untagged)).not.toContain('team_school_side');
  });
});

describe('no new case cards to the social-services side without a consent in force', () => {
  const withdrawn = aCase({ consent: consent(['absence'], { withdrawnAt: '2026-11-24T10:00:00.000Z' }) });
  it.each([
    ['a social-services member, consent withdrawn', people.farMember2, withdrawn, true],
    ['the coordinator, consent withdrawn', people.farCoordinator, withdrawn, true],
    ['a school-side member, consent withdrawn', people.farMember1, withdrawn, false],
    ['a social-services member, consent in force', people.farMember2, aCase(), false],
    ['the reporter, consent withdrawn', people.reporter, withdrawn, false],
  ] as const)('%s → cut off: %s', (_label, userId, c, cut) => {
    expect(isCutOffByConsent(userId, c, testDirectory)).toBe(cut);
  });
});

describe('a consent past its valid-until', () => {
  const c = caseWith(consent(['absence', 'description'], { validUntil: '2026-11-30' }));
  it.each([
    ['on its last day', '2026-11-30', true],
    ['the day after', '2026-12-01', false],
  ] as const)('covers its scope for the social-services side %s: %s', (_label, today, visible) => {
    expect(whatCanSee(['sst_member'], c, today).fields.includes('reporter_text')).toBe(visible);
    expect(whatCanSee(['sst_member', 'team_school_side'], c, today).fields).toContain('reporter_text');
  });
});
