import { describe, expect, it } from 'vitest';
import {
  renderAuditTrail,
  renderCaseCard,
  renderCheckInCard,
  renderMyCases,
  renderQuestionCard,
  renderReportConfirmation,
  renderTeamQueue,
  type CaseCardInput,
} from '../../src/adapters/teams/cards/render';
import { maxRefreshUsers, refreshUserIds } from '../../src/adapters/teams/cards/views/case-card';
import { pupilSection } from '../../src/adapters/teams/cards/views/case-sections';
import { caseCardSummary } from '../../src/adapters/teams/cards/views/notification-summary';
import { catalogue, type Lang } from '../../src/adapters/teams/i18n/i18n';
import { rolesFor } from '../../src/domain/access/policy';
import type { Case } from '../../src/domain/case/case';
import { ruleViolations } from '../../src/domain/errors';
import type { Directory } from '../../src/domain/routing/directory';
import { people, testDirectory } from '../support/a-case';
import { executeActionsOf, nodesOf } from './card-walk';
import { investigationInputRequestCase } from './handover-fixtures';
import { aHandover, assignedCase, duplicateCase, handedOverCase, newCase, now, cardClock, undeliveredFor } from './case-fixtures';

const sv = catalogue('sv');
const initials = 'QX';
const description = 'Borta varje måndag, mamma säger att hon är sjuk.';
const everyone = Object.values(people);

/** A case whose pupil data is easy to spot in card JSON. */
const marked = (overrides: Partial<Case> = {}): Case => newCase({ pupil: { initials, yearGroup: 7 }, text: description, ...overrides });

function card(c: Case, userId?: string, extra: Partial<CaseCardInput> = {}, directory: Directory = testDirectory) {
  const viewer = userId === undefined ? undefined : { userId, roles: rolesFor(userId, c, directory) };
  // The card takes the audience's MRIs from the messenger; here the ids stand for themselves.
  return renderCaseCard({ lang: 'sv', clock: cardClock, directory, case: c, viewer, audienceMris: refreshUserIds(c, directory), duplicates: [], undelivered: [], now, ...extra });
}

const text = (x: unknown): string => JSON.stringify(x);
/** Buttons a person can press: everything but the automatic refresh. */
const buttons = (x: ReturnType<typeof card>): string[] =>
  executeActionsOf({ body: x.body, actions: x.actions }).map((a) => String(a.verb));
const refreshOf = (x: ReturnType<typeof card>): { userIds: string[] } => {
  const refresh = x.refresh;
  if (typeof refresh !== 'object' || refresh === null || !Array.isArray(Reflect.get(refresh, 'userIds'))) throw new Error('no refresh.userIds');
  return { userIds: Reflect.get(refresh, 'userIds') };
};

describe('the base case card (what everyone in the inbox sees)', () => {
  it('shows reference, school, urgency and state, and no initials, description or concerns', () => {
    const c = marked({ routing: { ...newCase().routing, urgent: true } });
    const json = text(card(c));
    expect(json).toContain('FAR-2026-0042');
    expect(json).toContain('Hökarängsskolan');
    expect(json).toContain(sv.caseCard.urgent);
    expect(json).toContain(sv.caseStates.new);
    expect(json).not.toContain(initials);
    expect(json).not.toContain(description);
    for (const concern of Object.values(sv.concerns)) expect(json).not.toContain(concern);
    expect(json).not.toContain(sv.yearGroups[7]);
  });

  it('has one button, "Visa ärendet", that fetches the viewer\'s own card', () => {
    const base = card(marked());
    expect(buttons(base)).toEqual(['case.view']);
    expect(text(base.actions)).toContain(sv.caseCard.open);
  });

  it('asks Teams to refresh it for every member and coordinator of the routed team', () => {
    const team = testDirectory.sstTeams.find((t) => t.id === 'FAR-SST-1');
    const expected = [...(team?.members ?? []), ...(team?.coordinators ?? [])].map((p) => p.id).sort();
    expect(refreshOf(card(marked())).userIds.sort()).toEqual(expected);
    expect(expected).toContain(people.farMember1);
  });

  it("carries refresh ids only on the base card and on the views of the case's audience, never on a reporter's or a stranger's", () => {
    const c = marked();
    expect(refreshOf(card(c, people.farMember1)).userIds).not.toEqual([]);
    for (const outsider of [people.reporter, people.stranger, people.farInvestigator1]) expect(refreshOf(card(c, outsider)).userIds, outsider).toEqual([]);
  });

  it('is refreshed for the district fallback contact when no team serves the school', () => {
    const c = marked({ routing: { ...newCase().routing, sstTeamId: undefined, fallbackDistrictCode: 'FAR', flags: ['no_sst_team'] } });
    const fallback = testDirectory.districts.find((d) => d.code === 'FAR')?.fallbackContact.id;
    expect(refreshOf(card(c)).userIds).toEqual([fallback]);
  });

  it('lists at most 60 people for refresh, Teams\' limit for user-specific views', () => {
    const crowd = Array.from({ length: 75 }, (_, i) => ({ id: `member-${i}`, name: `Testperson ${i}` }));
    const big: Directory = {
      ...testDirectory,
      sstTeams: testDirectory.sstTeams.map((t) => (t.id === 'FAR-SST-1' ? { ...t, members: crowd } : t)),
    };
    const userIds = refreshOf(card(marked(), undefined, {}, big)).userIds;
    expect(userIds).toHaveLength(maxRefreshUsers);
    expect(userIds).toContain(people.farCoordinator);
  });

  it('puts only reference, school and urgency in the notification text', () => {
    expect(caseCardSummary('sv', testDirectory, marked())).toBe('Nytt ärende FAR-2026-0042 · Hökarängsskolan');
    expect(caseCardSummary('en', testDirectory, marked({ routing: { ...newCase().routing, urgent: true } }))).toBe(
      'New case FAR-2026-0042 · Hökarängsskolan · Urgent',
    );
  });
});

describe('what each viewer sees', () => {
  it('shows the team’s school side the pupil, the description and every concern', () => {
    const json = text(card(marked(), people.farMember1));
    expect(json).toContain(initials);
    expect(json).toContain(description);
    expect(json).toContain(sv.concerns.violence);
    expect(json).toContain(sv.concerns.mental_health);
  });

  it('shows the team’s social-services side only what the consent covers, and says so', () => {
    const limited = text(card(marked(), people.farMember2));
    expect(limited).toContain(initials);
    expect(limited).toContain(sv.caseCard.unexcused);
    expect(limited).not.toContain(description);
    expect(limited).not.toContain(sv.concerns.violence);
    expect(limited).not.toContain(sv.concerns.mental_health);
    expect(limited).toContain(sv.caseCard.consentLimited);
    const consent = { givenBy: 'both_guardians', scope: ['absence', 'school_steps', 'description', 'concerns'], recipients: ['sst_team'], validUntil: '2027-06-15' } as const;
    const covered = text(card(marked({ consent: { ...consent, scope: [...consent.scope], recipients: [...consent.recipients] } }), people.farMember2));
    expect(covered).toContain(description);
    expect(covered).toContain(sv.concerns.violence);
    expect(covered).not.toContain(sv.caseCard.consentLimited);
  });

  it('shows who recorded and who withdrew the consent, and offers the withdrawal only while it is in force', () => {
    const recorded = { ...marked().consent, givenBy: 'both_guardians', scope: ['absence'], recordedAt: '2026-11-23T09:00:00.000Z', recordedBy: people.reporter } as const;
    const inForce = marked({ state: 'assigned', assigneeId: people.farMember2, consent: { ...recorded, scope: ['absence'] } });
    const before = card(inForce, people.farMember2);
    expect(text(before)).toContain(`2026-11-23 av ${sv.trail.reporter}`);
    expect(buttons(before)).toContain('case.withdraw_consent');
    const withdrawn = { ...inForce, consent: { ...recorded, scope: ['absence' as const], withdrawnAt: '2026-11-24T10:00:00.000Z', withdrawnBy: people.farMember2 } };
    const after = card(withdrawn, people.farMember2);
    expect(text(after)).toContain(`2026-11-24 av Testperson SST Farsta 2`);
    expect(text(after)).toContain(sv.caseCard.consentNotInForce);
    expect(buttons(after)).not.toContain('case.withdraw_consent');
  });

  it('shows the reporter the process only: no initials, description, concerns or case worker', () => {
    const c = marked({ state: 'assigned', assigneeId: people.farMember1 });
    const json = text(card(c, people.reporter));
    expect(json).toContain('FAR-2026-0042');
    expect(json).toContain(sv.reporterStatuses.in_progress);
    expect(json).not.toContain(initials);
    expect(json).not.toContain(description);
    for (const concern of Object.values(sv.concerns)) expect(json).not.toContain(concern);
    expect(json).not.toContain('Testperson SST Farsta 1');
  });

  it('never shows an investigator the reporter\'s description, not even when the consent covers it', () => {
    const byDuty = marked({ state: 'handed_over', assigneeId: people.farMember1, handover: aHandover() });
    const byConsent = marked({
      state: 'handed_over',
      assigneeId: people.farMember1,
      consent: { givenBy: 'both_guardians', scope: ['absence', 'school_steps', 'description'], validUntil: '2027-06-15' },
      handover: aHandover({ legalGround: 'consent' }),
    });
    for (const c of [byDuty, byConsent]) {
      const json = text(card(c, people.farInvestigator1));
      expect(json).toContain(initials);
      expect(json).toContain(aHandover().summary);
      expect(json).not.toContain(description);
      expect(json).not.toContain(sv.reporterRoles.teacher);
    }
  });

  it('hides the absence figures from an investigator when a consent-based handover does not cover them', () => {
    const c = marked({
      state: 'handed_over',
      assigneeId: people.farMember1,
      consent: { givenBy: 'both_guardians', scope: ['school_steps'], recipients: ['investigation_unit'], validUntil: '2027-06-15' },
      handover: aHandover({ legalGround: 'consent' }),
    });
    const json = text(card(c, people.farInvestigator1));
    expect(json).not.toContain(sv.caseCard.unexcused);
    expect(json).toContain(sv.caseCard.guardiansInformed);
  });

  it('leaves out violence, crime and drugs from a view without sensitive concerns', () => {
    const c = marked({ concerns: ['mental_health', 'violence', 'crime', 'drugs'] });
    const facts = pupilSection(c, { level: 'handover', fields: ['pupil', 'concerns'] }, testDirectory, 'sv').facts;
    const concerns = facts.find((f) => f.title === sv.caseCard.concerns)?.value;
    expect(concerns).toBe(sv.concerns.mental_health);
  });

  it('shows an admin and a stranger only a short "no access" text and no buttons', () => {
    for (const userId of [people.admin, people.stranger, people.ninMember]) {
      const x = card(marked(), userId);
      expect(text(x.body)).toContain(sv.caseCard.noAccess);
      expect(text(x)).not.toContain('FAR-2026-0042');
      expect(text(x.body)).not.toContain(initials);
      expect(buttons(x)).toEqual([]);
    }
  });

  it('shows coordinators, and only them, the deliveries that did not arrive, by name', () => {
    const c = assignedCase();
    const coordinator = text(card(c, people.farCoordinator, { undelivered: undeliveredFor(c) }));
    expect(coordinator).toContain('Kunde inte nås i Teams: Testperson SST Farsta 2');
    expect(coordinator).toContain('Leverans misslyckades, försöker igen: Skolsociala teamet Farsta');
    expect(coordinator).toContain('Leverans misslyckades, försöker igen: avsändaren');
    const member = text(card(c, people.farMember1, { undelivered: undeliveredFor(c) }));
    expect(member).not.toContain(sv.caseCard.sectionUndelivered);
  });

  it('explains the routing in plain words', () => {
    const c = marked({
      routing: {
        ...newCase().routing,
        homeDistrictCode: 'JAR',
        investigationUnitId: 'JAR-INV',
        reasons: [
          { code: 'sst_by_school', teamId: 'FAR-SST-1', schoolId: 'far-hokarangsskolan' },
          { code: 'investigation_by_home_district', districtCode: 'JAR', unitId: 'JAR-INV' },
        ],
      },
    });
    const json = text(card(c, people.farMember1));
    expect(json).toContain('Teamet valdes efter skolan');
    expect(json).toContain('Utredningsenhet efter elevens hemstadsdel Järva');
  });
});

describe('buttons per role and state', () => {
  it('offers a team member "Ta ärendet" on a new case', () => {
    const x = card(marked(), people.farMember1);
    expect(buttons(x)).toContain('case.take');
    expect(text(x.actions)).toContain(sv.caseCard.take);
  });

  it('offers nobody "take" on a closed case', () => {
    const closed = marked({ state: 'closed', outcome: 'other', closedAt: now });
    for (const userId of everyone) expect(buttons(card(closed, userId)), userId).not.toContain('case.take');
  });

  it('does not offer the assignee to take the case again, but offers the coordinator a take-over', () => {
    const c = assignedCase();
    expect(buttons(card(c, people.farMember1))).not.toContain('case.take');
    expect(buttons(card(c, people.farMember2))).not.toContain('case.take');
    expect(text(card(c, people.farCoordinator).actions)).toContain(sv.caseCard.takeOver);
  });

  it('lets the assignee ask the reporter only when no question is waiting for an answer', () => {
    expect(buttons(card(assignedCase(), people.farMember1))).not.toContain('case.ask');
    expect(buttons(card(assignedCase({ questions: [] }), people.farMember1))).toContain('case.ask');
  });

  it('offers SST+ only where the district has it, and SST back from SST+', () => {
    const levelOf = (x: ReturnType<typeof card>) => executeActionsOf(x).find((a) => a.verb === 'case.level')?.data;
    expect(levelOf(card(marked(), people.farMember1))).toMatchObject({ level: 'intensive' });
    expect(levelOf(card(marked({ supportLevel: 'intensive' }), people.farMember1))).toMatchObject({ level: 'sst' });
    const upperSecondary = marked({ pupil: { initials, yearGroup: 11 } });
    expect(levelOf(card(upperSecondary, people.farMember1))).toBeUndefined();
  });

  it('offers merging only into the listed duplicates, with the case version', () => {
    const c = assignedCase();
    const merges = executeActionsOf(card(c, people.farMember1, { duplicates: [duplicateCase()] })).filter((a) => a.verb === 'case.merge');
    expect(merges.map((a) => a.data)).toEqual([{ caseId: c.id, version: c.version, intoCaseId: 'case-dup-40' }]);
    expect(executeActionsOf(card(c, people.farMember1)).some((a) => a.verb === 'case.merge')).toBe(false);
  });

  it('offers no merge into an open case of the same school that is not a possible duplicate', () => {
    const c = assignedCase();
    const unrelated = { ...duplicateCase(), id: 'case-other-41', reference: 'FAR-2026-0041', pupil: { initials: 'QZ', yearGroup: 7 as const } };
    const merges = executeActionsOf(card(c, people.farCoordinator, { duplicates: [unrelated, duplicateCase()] })).filter((a) => a.verb === 'case.merge');
    expect(merges.map((a) => a.data)).toEqual([{ caseId: c.id, version: c.version, intoCaseId: 'case-dup-40' }]);
  });

  it('does not offer closing while the investigation unit has not acknowledged the handover', () => {
    expect(buttons(card(handedOverCase(), people.farMember1))).not.toContain('case.close');
    const acknowledged = assignedCase({ state: 'handed_over', handover: aHandover({ state: 'acknowledged' }) });
    expect(buttons(card(acknowledged, people.farMember1))).toContain('case.close');
  });

  it('carries the case id and version on every button that changes the case', () => {
    const c = assignedCase({ questions: [] });
    const changing = executeActionsOf(card(c, people.farCoordinator, { duplicates: [duplicateCase()] })).filter((a) => a.verb !== 'case.view');
    expect(changing.length).toBeGreaterThanOrEqual(5);
    for (const a of changing) expect(a.data, String(a.verb)).toMatchObject({ caseId: c.id, version: c.version });
  });
});

describe("the reporter's way to their case", () => {
  const waiting = (): Case => marked({ state: 'awaiting_consent', consent: { givenBy: 'none', scope: [] } });
  const opens = (x: unknown) => executeActionsOf(x).filter((a) => a.verb === 'case.view').map((a) => a.data);

  it('opens the case from the confirmation and from each line of mina ärenden', () => {
    const c = waiting();
    const other = newCase({ id: 'case-other', reference: 'FAR-2026-0043' });
    expect(opens(renderReportConfirmation({ lang: 'sv', directory: testDirectory, case: c, duplicate: false, outsideWorkingHours: false }))).toEqual([{ caseId: c.id }]);
    const mine = renderMyCases({ lang: 'sv', clock: cardClock, directory: testDirectory, cases: [c, other], viewerId: c.reporterId });
    expect(opens(mine)).toEqual([{ caseId: c.id }, { caseId: 'case-other' }]);
    expect(executeActionsOf(mine).filter((a) => a.verb === 'case.view').map((a) => a.title)).toEqual(['Öppna FAR-2026-0042', 'Öppna FAR-2026-0043']);
  });

  it("offers the reporter the consent form on their own, process-only view of a case awaiting consent", () => {
    const x = card(waiting(), people.reporter);
    expect(buttons(x)).toEqual(['case.consent', 'case.view']);
    expect(text(x)).not.toContain(initials);
    expect(text(x)).not.toContain(description);
  });
});

describe('a rejected form', () => {
  it('comes back inline with the values kept and the message next to the field', () => {
    const c = assignedCase();
    const x = card(c, people.farMember1, { form: { verb: 'case.close', values: { outcome: 'other' }, errors: [{ field: 'outcome', code: 'required' }] } });
    const outcome = nodesOf(x.body).find((n) => n.id === 'outcome');
    expect(outcome?.value).toBe('other');
    expect(text(x.body)).toContain(sv.fieldErrors.required);
    expect(buttons(x)).toContain('case.close');
    // No other form on the card: its submit would send these inputs along.
    expect(nodesOf(x.actions).filter((n) => n.type === 'Action.ShowCard')).toEqual([]);
  });

  it('shows the question\'s domain error (field "text") under the question input', () => {
    const x = card(assignedCase({ questions: [] }), people.farMember1, {
      form: { verb: 'case.ask', values: { question: 'Ring 20101010-1234' }, errors: [{ field: 'text', code: 'personnummer' }] },
    });
    expect(nodesOf(x.body).find((n) => n.id === 'question')?.value).toBe('Ring 20101010-1234');
    expect(text(x.body)).toContain(sv.fieldErrors.personnummer);
  });
});

describe('the question card and the team queue', () => {
  it('shows the reporter the question with reference and school only, and an answer field', () => {
    const c = marked({ questions: [{ id: 'q-9', askedBy: people.farMember1, askedAt: now, text: 'Hur går morgnarna?' }] });
    const x = renderQuestionCard({ lang: 'sv', clock: cardClock, directory: testDirectory, case: c, questionId: 'q-9' });
    const json = text(x);
    expect(json).toContain('Skolsocialt team har en fråga om FAR-2026-0042 (Hökarängsskolan)');
    expect(json).not.toContain(initials);
    expect(json).not.toContain(description);
    expect(executeActionsOf(x).map((a) => a.data)).toEqual([{ caseId: c.id, questionId: 'q-9' }]);
  });

  it('thanks the reporter once the answer is sent, and offers no field', () => {
    const c = marked({ questions: [{ id: 'q-9', askedBy: people.farMember1, askedAt: now, text: 'Hur går morgnarna?' }] });
    const x = renderQuestionCard({ lang: 'sv', clock: cardClock, directory: testDirectory, case: c, questionId: 'q-9', answered: true, values: { answer: 'Bättre.' } });
    expect(text(x)).toContain(sv.questionCard.thanks);
    expect(text(x)).toContain('Bättre.');
    expect(executeActionsOf(x)).toEqual([]);
  });

  it('lists a queue oldest first without pupil data', () => {
    const x = renderTeamQueue({
      lang: 'sv', clock: cardClock,
      directory: testDirectory,
      now,
      queues: [{ title: 'Skolsociala teamet Farsta', cases: [marked(), duplicateCase()] }],
    });
    const json = text(x);
    expect(json.indexOf('FAR-2026-0040')).toBeLessThan(json.indexOf('FAR-2026-0042'));
    expect(json).toContain('3 dagar');
    expect(json).not.toContain(initials);
    expect(json).not.toContain(description);
  });
});

describe('the catalogue', () => {
  const keysOf = (o: unknown, prefix = ''): string[] =>
    typeof o === 'object' && o !== null ? Object.entries(o).flatMap(([k, v]) => keysOf(v, `${prefix}${k}.`)) : [prefix];
  it('has the same keys in Swedish and English', () => {
    expect(keysOf(catalogue('en')).sort()).toEqual(keysOf(catalogue('sv')).sort());
  });

  it.each<Lang>(['sv', 'en'])('explains every rule violation in plain %s', (lang) => {
    const notices: Record<string, string> = catalogue(lang).caseNotices;
    for (const code of ruleViolations) expect(notices[code], code).toMatch(/\S/);
  });
});

describe('follow-up check-ins on the case card', () => {
  const followed = assignedCase({
    questions: [],
    followUpOn: '2027-01-20',
    attendance: [
      { on: '2026-12-15', totalPercent: 25, unexcusedPercent: 10, by: people.reporter },
      { on: '2027-01-12', totalPercent: 18, unexcusedPercent: 5, by: people.reporter },
    ],
  });

  it('shows the team the report’s figure, then each check-in, and the next follow-up', () => {
    const shown = text(card(followed, people.farMember1));
    expect(shown).toContain('Närvaro över tid');
    const report = followed.absence;
    expect(shown).toContain(
      `${report?.totalPercent} % (${report?.unexcusedPercent} % ogiltig) (rapport 23 nov.) → 25 % (10 % ogiltig) (15 dec.) → 18 % (5 % ogiltig) (12 jan.)`,
    );
    expect(shown).toContain('Nästa uppföljning 2027-01-20');
  });

  it('lets the assignee change the follow-up date, but not a team member who does not handle the case', () => {
    expect(buttons(card(followed, people.farMember1))).toContain('case.follow_up');
    expect(buttons(card(followed, people.farMember2))).not.toContain('case.follow_up');
  });

  it('shows the team’s social-services side the trend only when the consent covers the absence', () => {
    const withScope = (scope: ('absence' | 'school_steps')[]): Case => ({
      ...followed,
      consent: { givenBy: 'both_guardians', scope, recipients: ['sst_team'], validUntil: '2027-06-15' },
    });
    expect(text(card(withScope(['school_steps']), people.farMember2))).not.toContain('Närvaro över tid');
    expect(text(card(withScope(['absence']), people.farMember2))).toContain('Närvaro över tid');
  });

  it('shows the reporter no trend', () => {
    const shown = text(card(followed, people.reporter));
    expect(shown).not.toContain('Närvaro över tid');
    expect(buttons(card(followed, people.reporter))).not.toContain('case.follow_up');
  });

  it('keeps a refused follow-up date in the date input', () => {
    const shown = card(followed, people.farMember1, { form: { verb: 'case.follow_up', values: { followUpOn: '2026-11-01' }, errors: [{ field: 'followUpOn', code: 'date_in_past' }] } });
    expect(nodesOf(shown).find((n) => n.id === 'followUpOn')?.value).toBe('2026-11-01');
  });
});

describe('the check-in card', () => {
  const c = assignedCase({ questions: [], followUpOn: '2026-12-15' });

  it('asks about the pupil in the case by reference and school only', () => {
    const shown = renderCheckInCard({ lang: 'sv', directory: testDirectory, case: c });
    expect(text(shown)).toContain(`Hur ser frånvaron ut nu för eleven i ${c.reference} (`);
    expect(text(shown)).not.toContain(c.pupil?.initials ?? 'no initials');
    expect(text(shown)).not.toContain(c.text);
    expect(nodesOf(shown).filter((n) => n.type === 'Input.Number').map((n) => n.id)).toEqual(['checkInTotal', 'checkInUnexcused']);
  });

  it('keeps rejected figures and says what is wrong', () => {
    const shown = renderCheckInCard({
      lang: 'sv',
      directory: testDirectory,
      case: c,
      values: { checkInTotal: '10', checkInUnexcused: '25' },
      errors: [{ field: 'checkInUnexcused', code: 'unexcused_exceeds_total' }],
    });
    expect(nodesOf(shown).find((n) => n.id === 'checkInUnexcused')?.value).toBe('25');
    expect(text(shown)).toContain(sv.fieldErrors.unexcused_exceeds_total);
  });

  it('thanks the reporter once the figures are saved, with nothing left to fill in', () => {
    const shown = renderCheckInCard({ lang: 'sv', directory: testDirectory, case: c, answered: true });
    expect(text(shown)).toContain('Tack! Teamet ser siffran i ärendet.');
    expect(executeActionsOf(shown)).toEqual([]);
  });
});

describe('an adult pupil’s consent is their own', () => {
  const adult = (overrides: Partial<Case> = {}): Case => marked({ pupil: { initials, yearGroup: 12, ageBand: 'adult' }, ...overrides });

  it('says on the confirmation that the case waits for the pupil’s consent, not the guardians’', () => {
    const waiting = { consent: { givenBy: 'none' as const, scope: [] }, state: 'awaiting_consent' as const };
    expect(text(renderReportConfirmation({ lang: 'sv', directory: testDirectory, case: adult(waiting), duplicate: false, outsideWorkingHours: false }))).toContain(sv.reportConfirmation.nextAwaitingConsentPupil);
    expect(text(renderReportConfirmation({ lang: 'sv', directory: testDirectory, case: marked(waiting), duplicate: false, outsideWorkingHours: false }))).toContain(sv.reportConfirmation.nextAwaitingConsent);
  });

  it('names the pupil, not the guardians, as the consent behind a handover', () => {
    const consent = { givenBy: 'pupil' as const, scope: ['absence' as const], recipients: ['sst_team' as const, 'investigation_unit' as const], validUntil: '2027-06-15' };
    const assigned = { state: 'assigned' as const, assigneeId: people.farMember1, consent };
    expect(text(card(adult(assigned), people.farMember1))).toContain(testDirectory.legal.adultPupilConsent.sv);
    expect(text(card(marked({ ...assigned, consent: { ...consent, givenBy: 'both_guardians' } }), people.farMember1))).not.toContain(testDirectory.legal.adultPupilConsent.sv);
  });

  it('offers no hand-over on the duty to report for a pupil of 18 or over: that duty ends at 18', () => {
    const assigned = { state: 'assigned' as const, assigneeId: people.farMember1 };
    const grounds = (c: Case) =>
      nodesOf(card(c, people.farMember1))
        .filter((n) => n.id === 'handoverGround')
        .flatMap((n) => (Array.isArray(n.choices) ? n.choices.map((x: { value: string }) => x.value) : []));
    expect(grounds(marked(assigned))).toContain('reporting_duty');
    expect(grounds(adult(assigned))).not.toContain('reporting_duty');
    expect(grounds(adult(assigned))).toContain('own_work');
  });
});

describe("the team's queue", () => {
  it("opens an investigator's request for input on its handover card, where the team answers, and a referral on its case card", () => {
    const [referral, request] = [assignedCase(), investigationInputRequestCase()];
    const queue = renderTeamQueue({ lang: 'sv', clock: cardClock, directory: testDirectory, now, queues: [{ title: 'Team', cases: [referral, request] }] });
    const opens = executeActionsOf(queue).filter((a) => a.verb !== 'team.queue').map((a) => [a.verb, Reflect.get(Object(a.data), 'caseId')]);
    expect(opens).toEqual([
      ['case.view', referral.id],
      ['handover.view', request.id],
    ]);
  });
});

describe("a case's audit trail", () => {
  const openedBy = (actorId: string, action: string) => [{ at: '2026-11-25T09:00:00.000Z', actorId, action, caseId: 'x' }];
  const opened = openedBy(people.farInvestigator1, 'input_request.opened');

  it("names the investigator who opened a request for input, who is staff, not the school's reporter", () => {
    const c = investigationInputRequestCase();
    const trail = text(renderAuditTrail({ lang: 'sv', clock: cardClock, directory: testDirectory, case: c, entries: opened, total: 1 }));
    const investigator = testDirectory.investigationUnits.flatMap((u) => u.contacts).find((p) => p.id === people.farInvestigator1)?.name ?? 'missing';
    expect(trail).toContain(investigator);
    expect(trail).not.toContain(sv.trail.reporter);
  });

  it('names the reporter of a referral by role only', () => {
    const c = assignedCase();
    const trail = text(renderAuditTrail({ lang: 'sv', clock: cardClock, directory: testDirectory, case: c, entries: openedBy(c.reporterId, 'case.submitted'), total: 1 }));
    expect(trail).toContain(sv.trail.reporter);
  });
});
