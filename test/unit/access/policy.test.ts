import { describe, expect, it } from 'vitest';
import {
  accessActions,
  assigneeRoleOf,
  can,
  caseRoles,
  reporterStatus,
  rolesFor,
  visibleConcerns,
  whatCanSee,
  type AccessAction,
  type CaseRole,
} from '../../../src/domain/access/policy';
import type { Case, CaseState } from '../../../src/domain/case/case';
import type { Consent } from '../../../src/domain/report/report';
import type { Handover } from '../../../src/domain/handover/handover';
import { aCase, people, testDirectory } from '../../support/a-case';

const handover = (overrides: Partial<Handover> = {}): Handover => ({
  state: 'acknowledged',
  unitId: 'FAR-INV',
  urgent: false,
  summary: 'Frånvaron ökar trots insatser.',
  legalGround: 'reporting_duty',
  handedOverBy: people.farMember1,
  handedOverAt: '2026-11-20T09:00:00.000Z',
  receivedOn: '2026-11-20',
  forwards: [],
  inputRequests: [],
  ...overrides,
});

const handedOver = (overrides: Partial<Case> = {}): Case =>
  aCase({ state: 'handed_over', assigneeId: people.farMember1, handover: handover(), ...overrides });

describe('rolesFor: relationships come from the directory and the case', () => {
  it.each([
    ['the reporter', people.reporter, ['reporter']],
    ['a social-services team member who has not taken it', people.farMember2, ['sst_member']],
    ['the school-side team member who took it', people.farMember1, ['sst_member', 'assignee', 'team_school_side']],
    ['the team coordinator', people.farCoordinator, ['sst_coordinator']],
    ['a contact of the unit it is at', people.farInvestigator1, ['investigator']],
    ['the manager of that unit', people.farUnitManager, ['unit_manager']],
    ['a contact of another unit', people.skaInvestigator, []],
    ['a member of another district’s team', people.broMember, []],
    ['the head teacher of the case’s school', people.farHeadTeacher, ['head_teacher']],
    ['the head teacher of another school', people.broHeadTeacher, []],
    ['an admin', people.admin, ['admin']],
    ['a stranger', people.stranger, []],
  ])('%s', (_label, userId, roles) => {
    expect(rolesFor(userId, handedOver(), testDirectory)).toEqual(roles);
  });

  describe('the head teacher (R2)', () => {
    const withoutHeadTeacher = {
      ...testDirectory,
      schools: testDirectory.schools.map((s) => (s.id === 'far-hokarangsskolan' ? { ...s, headTeacher: undefined } : s)),
    };
    it.each([
      ['the directory’s head teacher of the school', people.farHeadTeacher, aCase(), testDirectory, ['head_teacher']],
      ['the principal of an independent school (its head teacher in the 7:19 a sense)', '00000000-0000-4000-8000-000000000208', aCase({ schoolId: 'eav-ies-enskede' }), testDirectory, ['head_teacher']],
      ['not on an anonymous consultation, which has no pupil', people.farHeadTeacher, aCase({ kind: 'consultation' }), testDirectory, []],
      ['not on a case of another school', people.farHeadTeacher, aCase({ schoolId: 'bro-alviksskolan' }), testDirectory, []],
      ['a reporter who reported as head teacher, where the directory names none', people.reporter, aCase({ reporterRole: 'head_teacher' }), withoutHeadTeacher, ['reporter', 'head_teacher']],
      ['not a reporter who reported as head teacher where the directory names one', people.reporter, aCase({ reporterRole: 'head_teacher' }), testDirectory, ['reporter']],
      ['not a teacher who reported, where the directory names none', people.reporter, aCase({ reporterRole: 'teacher' }), withoutHeadTeacher, ['reporter']],
    ] as const)('%s', (_label, userId, c, dir, roles) => {
      expect(rolesFor(userId, c, dir)).toEqual(roles);
    });
  });

  it('gives the unit roles only once there is a handover', () => {
    expect(rolesFor(people.farInvestigator1, aCase({ state: 'assigned' }), testDirectory)).toEqual([]);
  });

  it('moves the unit roles with a forward: the old unit loses the case', () => {
    const forwarded = handedOver({
      handover: handover({ state: 'pending', unitId: 'SKA-INV', forwards: [{ fromUnitId: 'FAR-INV', toUnitId: 'SKA-INV', reason: 'pupil_lives_elsewhere', by: people.farInvestigator1, at: '2026-11-24T10:00:00.000Z' }] }),
    });
    expect(rolesFor(people.skaInvestigator, forwarded, testDirectory)).toEqual(['investigator']);
    expect(rolesFor(people.farInvestigator1, forwarded, testDirectory)).toEqual([]);
  });

  it('gives the district fallback contact the case of a school without a team', () => {
    const c = aCase({ schoolId: 'nin-franska-skolan', routing: { schoolDistrictCode: 'NIN', fallbackDistrictCode: 'NIN', urgent: false, flags: ['no_sst_team'], reasons: [] } });
    expect(rolesFor(people.ninFallbackContact, c, testDirectory)).toEqual(['fallback_contact']);
    expect(rolesFor(people.ninMember, c, testDirectory)).toEqual([]);
  });

  it('keeps reporters of merged duplicates attached', () => {
    expect(rolesFor('teacher-7', aCase({ attachedReporterIds: ['teacher-7'] }), testDirectory)).toEqual(['reporter']);
  });

  it('does not treat a former team member as the assignee', () => {
    expect(rolesFor(people.broMember, aCase({ state: 'assigned', assigneeId: people.broMember }), testDirectory)).toEqual([]);
  });

  it('ignores roles in the directory of another team for the routed team', () => {
    const c = aCase({ routing: { ...aCase().routing, sstTeamId: 'BRO-SST-1' } });
    expect(rolesFor(people.farCoordinator, c, testDirectory)).toEqual([]);
    expect(rolesFor(people.broMember, c, testDirectory)).toEqual(['sst_member', 'team_school_side']);
  });
});

/**
 * The permission matrix, written out by hand: who may attempt each action on an unassigned case and on an
 * assigned one. Every other role is refused.
 */
const allowed: Record<AccessAction, { unassigned: CaseRole[]; assigned: CaseRole[] }> = {
  'case.record_consent': {
    unassigned: ['reporter', 'sst_member', 'sst_coordinator', 'fallback_contact', 'assignee'],
    assigned: ['reporter', 'sst_coordinator', 'fallback_contact', 'assignee'],
  },
  'case.withdraw_consent': {
    unassigned: ['reporter', 'sst_coordinator', 'fallback_contact', 'assignee'],
    assigned: ['reporter', 'sst_coordinator', 'fallback_contact', 'assignee'],
  },
  'case.take': { unassigned: ['sst_member', 'sst_coordinator', 'fallback_contact'], assigned: ['sst_coordinator'] },
  'case.ask_reporter': { unassigned: ['sst_coordinator', 'fallback_contact', 'assignee'], assigned: ['sst_coordinator', 'fallback_contact', 'assignee'] },
  'case.answer_question': { unassigned: ['reporter'], assigned: ['reporter'] },
  'case.change_level': {
    unassigned: ['sst_member', 'sst_coordinator', 'fallback_contact', 'assignee'],
    assigned: ['sst_coordinator', 'fallback_contact', 'assignee'],
  },
  'case.hand_over': { unassigned: ['sst_coordinator', 'fallback_contact', 'assignee'], assigned: ['sst_coordinator', 'fallback_contact', 'assignee'] },
  'case.close': { unassigned: ['sst_coordinator', 'fallback_contact', 'assignee'], assigned: ['sst_coordinator', 'fallback_contact', 'assignee'] },
  'case.merge': {
    unassigned: ['sst_member', 'sst_coordinator', 'fallback_contact', 'assignee'],
    assigned: ['sst_coordinator', 'fallback_contact', 'assignee'],
  },
  'case.set_follow_up': { unassigned: ['sst_coordinator', 'fallback_contact', 'assignee'], assigned: ['sst_coordinator', 'fallback_contact', 'assignee'] },
  'case.record_check_in': { unassigned: ['reporter'], assigned: ['reporter'] },
  'case.record_school_steps': { unassigned: ['head_teacher'], assigned: ['head_teacher'] },
  'handover.acknowledge': { unassigned: ['investigator', 'unit_manager'], assigned: ['investigator', 'unit_manager'] },
  'handover.forward': { unassigned: ['investigator', 'unit_manager'], assigned: ['investigator', 'unit_manager'] },
  'handover.report_outcome': { unassigned: ['investigator', 'unit_manager'], assigned: ['investigator', 'unit_manager'] },
  'handover.close': { unassigned: ['investigator', 'unit_manager'], assigned: ['investigator', 'unit_manager'] },
  'handover.request_input': { unassigned: ['investigator', 'unit_manager'], assigned: ['investigator', 'unit_manager'] },
  'handover.answer_input': { unassigned: ['sst_member', 'sst_coordinator', 'fallback_contact', 'assignee'], assigned: ['sst_coordinator', 'fallback_contact', 'assignee'] },
  'handover.invite_sst': { unassigned: ['investigator', 'unit_manager'], assigned: ['investigator', 'unit_manager'] },
};

const cases: Record<'unassigned' | 'assigned', Case> = {
  unassigned: aCase({ state: 'new' }),
  assigned: handedOver(),
};

const matrix = (['unassigned', 'assigned'] as const).flatMap((which) =>
  accessActions.flatMap((action) => caseRoles.map((role) => ({ which, action, role, expected: allowed[action][which].includes(role) }))),
);

describe('can: every role × every action', () => {
  it('covers every action of both lifecycles', () => {
    expect(Object.keys(allowed).sort()).toEqual([...accessActions].sort());
  });

  it.each(matrix)('on an $which case, $role → $action: $expected', ({ which, action, role, expected }) => {
    expect(can([role], action, cases[which])).toBe(expected);
  });

  it.each(accessActions)('an actor with no relationship may not %s', (action) => {
    expect(can([], action, cases.unassigned)).toBe(false);
  });
});

describe('can, with roles derived from the sample directory', () => {
  it.each([
    ['a team member takes a new case', people.farMember2, 'case.take', aCase(), true],
    ['a team member may not take over a colleague’s case', people.farMember2, 'case.take', aCase({ state: 'assigned', assigneeId: people.farMember1 }), false],
    ['the coordinator takes over', people.farCoordinator, 'case.take', aCase({ state: 'assigned', assigneeId: people.farMember1 }), true],
    ['the assignee hands over', people.farMember1, 'case.hand_over', aCase({ state: 'assigned', assigneeId: people.farMember1 }), true],
    ['a colleague may not hand over someone else’s case', people.farMember2, 'case.hand_over', aCase({ state: 'assigned', assigneeId: people.farMember1 }), false],
    ['the reporter may not close', people.reporter, 'case.close', aCase(), false],
    ['the investigator acknowledges', people.farInvestigator1, 'handover.acknowledge', handedOver(), true],
    ['another district’s investigator may not', people.skaInvestigator, 'handover.acknowledge', handedOver(), false],
    ['the team member may not acknowledge for the unit', people.farMember1, 'handover.acknowledge', handedOver(), false],
    ['the admin may not take a case', people.admin, 'case.take', aCase(), false],
    ['the head teacher records the school’s steps', people.farHeadTeacher, 'case.record_school_steps', aCase(), true],
    ['the head teacher may not take the case', people.farHeadTeacher, 'case.take', aCase(), false],
    ['the head teacher may not answer the team’s questions for the reporter', people.farHeadTeacher, 'case.answer_question', aCase(), false],
    ['another school’s head teacher may not record the steps', people.broHeadTeacher, 'case.record_school_steps', aCase(), false],
    ['the assignee may not record the head teacher’s steps', people.farMember1, 'case.record_school_steps', aCase({ state: 'assigned', assigneeId: people.farMember1 }), false],
    ['the reporter may not record the head teacher’s steps', people.reporter, 'case.record_school_steps', aCase(), false],
  ] as const)('%s', (_label, userId, action, c, expected) => {
    expect(can(rolesFor(userId, c, testDirectory), action, c)).toBe(expected);
  });
});

const fullConsent = {
  givenBy: 'both_guardians',
  scope: ['absence', 'school_steps', 'description', 'concerns'],
  recipients: ['sst_team', 'investigation_unit'],
  validUntil: '2027-06-15',
} as const satisfies Consent;

describe('whatCanSee', () => {
  const c = handedOver({ concerns: ['violence', 'mental_health'], text: 'Fri text från läraren.' });

  it('shows the reporter the process status and their questions, nothing about the pupil or social services', () => {
    const view = whatCanSee(['reporter'], c);
    expect(view).toEqual({ level: 'process', fields: ['reference', 'school', 'process_status', 'reporter_questions'] });
    expect(visibleConcerns(c, view)).toEqual([]);
  });

  it.each(['sst_member', 'sst_coordinator', 'assignee'] as const)('shows %s on the school side the full referral, whatever the consent covers', (role) => {
    const view = whatCanSee([role, 'team_school_side'], { ...c, consent: { givenBy: 'none', scope: [] } });
    expect(view.level).toBe('full');
    expect(view.fields).toEqual(expect.arrayContaining(['reporter_text', 'reporter', 'pupil', 'absence', 'history', 'handover_summary']));
    expect(visibleConcerns(c, view)).toEqual(['violence', 'mental_health']);
  });

  it.each(['sst_member', 'sst_coordinator', 'fallback_contact', 'assignee'] as const)('shows %s on the social-services side everything a full consent covers', (role) => {
    const view = whatCanSee([role], { ...c, consent: { ...fullConsent } });
    expect(view.level).toBe('full');
    expect(view.fields).toEqual(expect.arrayContaining(['reporter_text', 'reporter', 'pupil', 'absence', 'history', 'handover_summary']));
    expect(visibleConcerns(c, view)).toEqual(['violence', 'mental_health']);
  });

  it.each(['investigator', 'unit_manager'] as const)('shows %s what the handover needs, without the reporter’s free text or identity', (role) => {
    const view = whatCanSee([role], c);
    expect(view.level).toBe('handover');
    expect(view.fields).toEqual(expect.arrayContaining(['pupil', 'home_district', 'absence', 'school_steps', 'handover_summary', 'input_requests', 'sensitive_concerns']));
    expect(view.fields).not.toContain('reporter_text');
    expect(view.fields).not.toContain('reporter');
    expect(view.fields).not.toContain('reporter_questions');
    expect(visibleConcerns(c, view)).toEqual(['violence', 'mental_health']);
  });

  it('limits the investigator to what the consent covers when the handover rests on consent', () => {
    const byConsent = handedOver({ consent: { givenBy: 'both_guardians', scope: ['absence'], recipients: ['investigation_unit'], validUntil: '2027-06-15' }, handover: handover({ legalGround: 'consent' }) });
    const fields = whatCanSee(['investigator'], byConsent).fields;
    expect(fields).toContain('absence');
    expect(fields).not.toContain('school_steps');
  });

  it('shows the head teacher the school’s own facts and steps, nothing from the team or social services', () => {
    const view = whatCanSee(['head_teacher'], c);
    expect(view).toEqual({ level: 'school_steps', fields: ['reference', 'school', 'pupil', 'absence', 'school_steps'] });
    expect(visibleConcerns(c, view)).toEqual([]);
  });

  it('keeps the reporter’s process view for a head teacher who also reported the case', () => {
    const view = whatCanSee(['reporter', 'head_teacher'], c);
    expect(view.level).toBe('school_steps');
    expect(view.fields).toEqual(expect.arrayContaining(['process_status', 'reporter_questions', 'pupil', 'school_steps']));
    expect(view.fields).not.toEqual(expect.arrayContaining(['handover']));
    expect(view.fields).not.toContain('reporter_text');
  });

  it.each([[['admin']], [[]]] as const)('shows %j nothing', (roles) => {
    expect(whatCanSee(roles, c)).toEqual({ level: 'none', fields: [] });
  });

  it('gives the widest view when someone has two relationships', () => {
    expect(whatCanSee(['reporter', 'sst_member'], c).level).toBe('full');
  });

  it('hides violence, crime and drugs from a view with concerns but without the sensitive ones', () => {
    expect(visibleConcerns(aCase({ concerns: ['crime', 'bullying', 'drugs', 'family'] }), { level: 'handover', fields: ['concerns'] })).toEqual(['bullying', 'family']);
  });
});

describe('reporterStatus', () => {
  it.each([
    ['awaiting_consent', 'awaiting_consent'],
    ['new', 'received'],
    ['assigned', 'in_progress'],
    ['handed_over', 'in_progress'],
    ['closed', 'closed'],
    ['merged', 'merged'],
  ] as const)('shows a %s case as %s (a handover is not disclosed)', (state: CaseState, status) => {
    expect(reporterStatus(aCase({ state }))).toBe(status);
  });
});

describe('assigneeRoleOf: the reporter hears who took the case by role, from the directory', () => {
  const fallbackCase = (assigneeId: string): Case =>
    aCase({
      state: 'assigned',
      assigneeId,
      schoolId: 'nin-franska-skolan',
      routing: { schoolDistrictCode: 'NIN', fallbackDistrictCode: 'NIN', urgent: false, flags: ['no_sst_team'], reasons: [] },
    });
  it.each<[string, Case, string | undefined]>([
    ['a team member', aCase({ state: 'assigned', assigneeId: people.farMember1 }), 'team_member'],
    ['the team coordinator', aCase({ state: 'assigned', assigneeId: people.farCoordinator }), 'coordinator'],
    ['the district fallback contact', fallbackCase(people.ninFallbackContact), 'fallback_contact'],
    ['nobody yet', aCase({ state: 'new' }), undefined],
    ['someone no longer in the team', aCase({ state: 'assigned', assigneeId: people.stranger }), undefined],
  ])('%s → %s', (_name, c, expected) => {
    expect(assigneeRoleOf(c, testDirectory)).toBe(expected);
  });
});
