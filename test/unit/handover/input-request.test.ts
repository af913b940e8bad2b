import { describe, expect, it } from 'vitest';
import { auditDisclosures, intakeDisclosures } from '../../../src/app/audit-disclosures';
import { can, rolesFor, whatCanSee } from '../../../src/domain/access/policy';
import type { Case } from '../../../src/domain/case/case';
import { applyCaseAction, type CaseAction } from '../../../src/domain/case/lifecycle';
import type { FieldErrorCode } from '../../../src/domain/errors';
import { applyHandoverAction } from '../../../src/domain/handover/handover-lifecycle';
import {
  checkInputRequest,
  openInputRequest,
  schoolsForInvestigator,
  type InputRequestDraft,
  type InputRequestField,
} from '../../../src/domain/handover/input-request';
import { aCase, aContext, people, testDirectory } from '../../support/a-case';
import { InMemoryCaseStore } from '../../support/in-memory-case-store';

const farSchool = 'far-hokarangsskolan';
const skaSchool = testDirectory.schools.find((s) => s.districtCode === 'SKA')?.id ?? 'missing';

const aDraft = (o: Partial<InputRequestDraft> = {}): InputRequestDraft => ({
  schoolId: farSchool,
  pupilInitials: 'AB',
  yearGroup: 8,
  question: 'Hur ser närvaron ut sedan höstlovet?',
  legalGround: 'reporting_duty',
  ...o,
});

const at = '2026-11-24T10:00:00.000Z';
function opened(o: Partial<InputRequestDraft> = {}, userId: string = people.farInvestigator1): Case {
  const result = openInputRequest(aDraft(o), {
    actor: { tenantId: 'tenant-1', userId, locale: 'sv-SE' },
    caseId: 'case-ir-1',
    questionId: 'q-1',
    submissionKey: `tenant-1:${userId}:form-1`,
    at,
    today: '2026-11-24',
    directory: testDirectory,
  });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return { ...result.value, reference: 'FAR-2026-0050', version: 1 };
}

describe("an investigator's request for the team's input", () => {
  it("is the unit's record, routed to the team that serves the school, with the question pending at the unit", () => {
    const c = opened();
    expect(c).toMatchObject({
      kind: 'input_request',
      state: 'handed_over',
      owner: { kind: 'district_committee', districtCode: 'FAR' },
      pupil: { initials: 'AB', yearGroup: 8 },
      text: '',
      routing: { sstTeamId: 'FAR-SST-1', investigationUnitId: 'FAR-INV' },
    });
    expect(c.handover).toMatchObject({ unitId: 'FAR-INV', legalGround: 'reporting_duty', state: 'outcome_reported' });
    expect(c.handover?.inputRequests).toEqual([{ id: 'q-1', askedBy: people.farInvestigator1, askedAt: at, text: 'Hur ser närvaron ut sedan höstlovet?' }]);
    // Opened outside the bot, the investigation is already ongoing: no initial-assessment clock runs on it.
    expect(c.handover?.outcome?.outcome).toBe('already_ongoing');
  });

  it("offers only the schools of the districts of the investigator's units", () => {
    const schools = schoolsForInvestigator(testDirectory, people.farInvestigator1);
    expect(schools.length).toBeGreaterThan(0);
    expect(new Set(schools.map((s) => s.districtCode))).toEqual(new Set(['FAR']));
    expect(schoolsForInvestigator(testDirectory, people.farMember1)).toEqual([]);
  });

  const refusals: [string, Partial<InputRequestDraft>, string, InputRequestField, FieldErrorCode][] = [
    ["a school in another district", { schoolId: skaSchool }, people.farInvestigator1, 'school', 'unknown_school'],
    ['an unknown school', { schoolId: 'no-such-school' }, people.farInvestigator1, 'school', 'unknown_school'],
    ['someone in no unit', {}, people.farMember1, 'school', 'unknown_school'],
    ['a full name', { pupilInitials: 'Anna Bergström' }, people.farInvestigator1, 'pupilInitials', 'full_name'],
    ['a personal identity number as initials', { pupilInitials: '20101010-1234' }, people.farInvestigator1, 'pupilInitials', 'personnummer'],
    ['a personal identity number in the question', { question: 'Gäller 20101010-1234, hur går det?' }, people.farInvestigator1, 'question', 'personnummer'],
    ['an empty question', { question: '   ' }, people.farInvestigator1, 'question', 'required'],
    ['a question over 500 characters', { question: 'x'.repeat(501) }, people.farInvestigator1, 'question', 'too_long'],
  ];
  it.each(refusals)('refuses %s', (_name, draft, userId, field, code) => {
    expect(checkInputRequest(aDraft(draft), testDirectory, userId)).toContainEqual(expect.objectContaining({ field, code }));
    const result = openInputRequest(aDraft(draft), {
      actor: { tenantId: 'tenant-1', userId, locale: 'sv-SE' },
      caseId: 'c',
      questionId: 'q',
      submissionKey: 'k',
      at,
      today: '2026-11-24',
      directory: testDirectory,
    });
    expect(result.ok).toBe(false);
  });

  it('refuses a year group the school does not have', () => {
    // Hökarängsskolan is a compulsory school: year 11 is upper secondary.
    expect(checkInputRequest(aDraft({ yearGroup: 11 }), testDirectory, people.farInvestigator1)).toContainEqual(
      expect.objectContaining({ field: 'yearGroup', code: 'school_form_mismatch' }),
    );
  });

  it('accepts a clean draft', () => {
    expect(checkInputRequest(aDraft(), testDirectory, people.farInvestigator1)).toEqual([]);
  });
});

describe('who may see and answer it', () => {
  const c = opened();
  const roles = (userId: string) => rolesFor(userId, c, testDirectory);

  it("lets any member of the school's team answer, since nobody on the team has taken it", () => {
    for (const member of [people.farMember1, people.farMember2, people.farCoordinator]) expect(can(roles(member), 'handover.answer_input', c)).toBe(true);
  });

  it('lets the unit see it and ask again, but not answer its own question', () => {
    expect(whatCanSee(roles(people.farInvestigator2), c).fields).toContain('input_requests');
    expect(can(roles(people.farUnitManager), 'handover.close', c)).toBe(true);
    expect(can(roles(people.farInvestigator1), 'handover.answer_input', c)).toBe(false);
  });

  it.each([
    ['another district unit', people.skaInvestigator],
    ['another team', people.broMember],
    ['an admin', people.admin],
    ['a stranger', people.stranger],
  ])('shows %s nothing and lets them do nothing', (_who, userId) => {
    expect(whatCanSee(roles(userId), c).fields).not.toContain('input_requests');
    expect(can(roles(userId), 'handover.answer_input', c)).toBe(false);
  });
});

describe('its lifecycle', () => {
  const ctx = aContext(people.farMember1);
  const answer = (c: Case) => applyHandoverAction(c, { type: 'answer_input', questionId: 'q-1', text: 'Bättre sedan november.' }, ctx);

  it("takes the team's answer on the handover, with the input given as an event", () => {
    const result = answer(opened());
    expect(result.ok && result.value.case.handover?.inputRequests[0]?.answer?.text).toBe('Bättre sedan november.');
    expect(result.ok && result.value.events.map((e) => e.type)).toEqual(['InputGiven']);
  });

  it('refuses an answer with a personal identity number, and changes nothing', () => {
    const result = applyHandoverAction(opened(), { type: 'answer_input', questionId: 'q-1', text: 'Eleven 20101010-1234 kommer.' }, ctx);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('invalid_field');
  });

  const teamActions: CaseAction[] = [
    { type: 'ask_reporter', questionId: 'x', text: 'Fråga' },
    { type: 'close', outcome: 'other' },
    { type: 'set_follow_up', on: '2026-12-01' },
    { type: 'record_consent', consent: { givenBy: 'guardian', scope: ['absence'], validUntil: '2027-06-01' } },
  ];
  it.each(teamActions.map((a) => [a.type, a] as const))("refuses the team's case action %s: the team answers, nothing else", (_type, action) => {
    const result = applyCaseAction(opened(), action, ctx);
    expect(!result.ok && result.error).toEqual({ code: 'rule_violation', rule: 'not_for_input_request' });
  });

  it('ends the case when the unit closes it, so that its retention period starts', () => {
    const answered = answer(opened());
    if (!answered.ok) throw new Error('not answered');
    const closed = applyHandoverAction(answered.value.case, { type: 'close' }, aContext(people.farInvestigator1));
    expect(closed.ok && closed.value.case).toMatchObject({ state: 'closed', closedAt: '2026-11-24T10:00:00.000Z', handover: { state: 'closed' } });
  });

  it('leaves a handover from the team open as a case when the unit closes its handover', () => {
    const fromTeam = aCase({ state: 'handed_over', handover: { ...(opened().handover ?? fail()), inputRequests: [] } });
    const closed = applyHandoverAction(fromTeam, { type: 'close' }, aContext(people.farInvestigator1));
    expect(closed.ok && closed.value.case.state).toBe('handed_over');
  });
});

describe('its disclosures', () => {
  it("audits the question to the team as the unit's own work, and the answer to the unit on the investigator's ground", async () => {
    const store = new InMemoryCaseStore();
    const c = opened({ legalGround: 'consent' });
    for (const entry of intakeDisclosures(c, testDirectory)) await store.appendAudit(entry);
    const answered = applyHandoverAction(c, { type: 'answer_input', questionId: 'q-1', text: 'Bättre.' }, aContext(people.farMember1));
    if (!answered.ok) throw new Error('not answered');
    await auditDisclosures(store, at, people.farMember1, answered.value.case, answered.value.events, testDirectory);
    const again = applyHandoverAction(answered.value.case, { type: 'request_input', questionId: 'q-2', text: 'Och idrotten?' }, aContext(people.farInvestigator1));
    if (!again.ok) throw new Error('not asked');
    await auditDisclosures(store, at, people.farInvestigator1, again.value.case, again.value.events, testDirectory);
    const disclosures = (await store.listAudit({ caseId: c.id })).filter((e) => e.action === 'disclosure').map((e) => e.detail);
    expect(disclosures).toEqual([
      { what: 'input_request', to: 'FAR-SST-1', legalGround: 'own_work', fromAuthority: 'district_committee:FAR', toAuthority: 'district_committee:FAR' },
      { what: 'input', to: 'FAR-INV', legalGround: 'consent', fromAuthority: 'district_committee:FAR', toAuthority: 'district_committee:FAR' },
      { what: 'input_request', to: 'FAR-SST-1', legalGround: 'own_work', fromAuthority: 'district_committee:FAR', toAuthority: 'district_committee:FAR' },
    ]);
  });

  it("does not audit a question inside a team's own handover as a disclosure to the team: the team handed it over", async () => {
    const store = new InMemoryCaseStore();
    const fromTeam = aCase({ id: 'case-team-1', state: 'handed_over', handover: { ...(opened().handover ?? fail()), inputRequests: [] } });
    const asked = applyHandoverAction(fromTeam, { type: 'request_input', questionId: 'q-9', text: 'Hur går det?' }, aContext(people.farInvestigator1));
    if (!asked.ok) throw new Error('not asked');
    await auditDisclosures(store, at, people.farInvestigator1, asked.value.case, asked.value.events, testDirectory);
    expect((await store.listAudit({ caseId: 'case-team-1' })).filter((e) => e.action === 'disclosure')).toEqual([]);
  });
});

function fail(): never {
  throw new Error('the fixture has no handover');
}
