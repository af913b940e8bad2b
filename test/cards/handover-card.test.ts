import { describe, expect, it } from 'vitest';
import {
  renderCaseCard,
  renderHandoverCard,
  renderInputRequestForm,
  renderInputRequestCard,
  renderMyHandovers,
  type AdaptiveCardJson,
  type HandoverCardInput,
} from '../../src/adapters/teams/cards/render';
import { handoverRefreshUserIds } from '../../src/adapters/teams/cards/views/handover-card';
import { handoverDeadlines } from '../../src/domain/handover/deadlines';
import { handoverNoticeText } from '../../src/adapters/teams/cards/views/handover-notices';
import { handoverSummary, inputRequestSummary } from '../../src/adapters/teams/cards/views/notification-summary';
import { catalogue } from '../../src/adapters/teams/i18n/i18n';
import { rolesFor } from '../../src/domain/access/policy';
import type { Case } from '../../src/domain/case/case';
import type { Directory } from '../../src/domain/routing/directory';
import { people, testDirectory } from '../support/a-case';
import { stockholmCalendar } from '../unit/calendar/stockholm-calendar';
import { executeActionsOf, nodesOf } from './card-walk';
import { aHandover, assignedCase, handedOverCase, newCase, now, cardClock } from './case-fixtures';
import {
  acknowledgedHandoverCase,
  inputRequestedCase,
  investigationInputRequestCase,
  ordinaryDeadlines,
  outcomeReportedCase,
  urgentIntakeCase,
  urgentOutOfHoursDeadlines,
} from './handover-fixtures';

const sv = catalogue('sv');
const initials = 'QX';
const description = 'Borta varje måndag, mamma säger att hon är sjuk.';
const summary = 'Frånvaro 32 % sedan september, skolans insatser har inte räckt.';
const farDistrict = testDirectory.districts.find((d) => d.code === 'FAR');
const farUnit = testDirectory.investigationUnits.find((u) => u.id === 'FAR-INV');

/** A handed-over case whose pupil data is easy to spot in card JSON. */
const marked = (overrides: Partial<Case> = {}): Case => ({ ...handedOverCase(), pupil: { initials, yearGroup: 7 }, text: description, ...overrides });

function card(c: Case, userId?: string, extra: Partial<HandoverCardInput> = {}, directory: Directory = testDirectory) {
  const viewer = userId === undefined ? undefined : { userId, roles: rolesFor(userId, c, directory) };
  // The card takes the audience's MRIs from the messenger; here the ids stand for themselves.
  return renderHandoverCard({ lang: 'sv', clock: cardClock, directory, case: c, viewer, audienceMris: handoverRefreshUserIds(c, directory), now, ...extra });
}

const text = (x: unknown): string => JSON.stringify(x);
const buttons = (x: AdaptiveCardJson): string[] => executeActionsOf({ body: x.body, actions: x.actions }).map((a) => String(a.verb));
const refreshIds = (x: AdaptiveCardJson): string[] => {
  const ids: unknown = Reflect.get(Object(x.refresh), 'userIds');
  if (!Array.isArray(ids)) throw new Error('no refresh.userIds');
  return ids.map(String);
};
/** The titles of a ChoiceSet's choices, by value, in order. */
const choiceTitles = (x: unknown, id: string): Record<string, string> => {
  const input = nodesOf(x).find((n) => n.id === id);
  const choices: unknown[] = Array.isArray(input?.choices) ? input.choices : [];
  return Object.fromEntries(choices.map((ch) => [String(Reflect.get(Object(ch), 'value')), String(Reflect.get(Object(ch), 'title'))]));
};
const choicesOf = (x: unknown, id: string): string[] => {
  const input = nodesOf(x).find((n) => n.id === id);
  return Array.isArray(input?.choices) ? input.choices.map((ch: unknown) => String(Reflect.get(Object(ch), 'value'))) : [];
};

describe('the base handover card (the unit\'s inbox)', () => {
  it('shows reference, school, urgency and the handover state, and nothing about the pupil', () => {
    const c = marked({ handover: aHandover({ urgent: true }) });
    const json = text(card(c));
    expect(json).toContain('FAR-2026-0042');
    expect(json).toContain('Hökarängsskolan');
    expect(json).toContain(sv.caseCard.urgent);
    expect(json).toContain(sv.handoverStates.pending);
    for (const hidden of [initials, description, summary, sv.yearGroups[7], sv.concerns.violence, sv.concerns.mental_health]) expect(json).not.toContain(hidden);
    expect(buttons(card(c))).toEqual(['handover.view']);
  });

  it('is refreshed for the contacts and managers of the unit the handover is at', () => {
    const expected = [...(farUnit?.contacts ?? []), ...(farUnit?.managers ?? [])].map((p) => p.id);
    expect(refreshIds(card(marked())).sort()).toEqual(expected.sort());
    expect(expected).toContain(people.farUnitManager);
  });

  it('lists at most 60 people for refresh, contacts first', () => {
    const crowd = Array.from({ length: 75 }, (_, i) => ({ id: `contact-${i}`, name: `Testperson ${i}` }));
    const big: Directory = { ...testDirectory, investigationUnits: testDirectory.investigationUnits.map((u) => (u.id === 'FAR-INV' ? { ...u, contacts: crowd } : u)) };
    const ids = refreshIds(card(marked(), undefined, {}, big));
    expect(ids).toHaveLength(60);
    expect(ids[0]).toBe('contact-0');
  });

  it('puts only reference, school and urgency in the push texts', () => {
    expect(handoverSummary('sv', testDirectory, marked())).toBe('Ny överlämning FAR-2026-0042 · Hökarängsskolan');
    expect(handoverSummary('en', testDirectory, urgentIntakeCase())).toBe('New handover FAR-2026-0047 · Hökarängsskolan · Urgent');
    expect(inputRequestSummary('sv', testDirectory, marked())).toBe('Utredningsenheten ber om underlag: FAR-2026-0042 · Hökarängsskolan');
  });
});

describe('what an investigator sees', () => {
  it('never shows the reporter\'s description or role, not even when the consent covers the description', () => {
    const byConsent = marked({
      consent: {
        givenBy: 'both_guardians',
        scope: ['absence', 'school_steps', 'description', 'concerns'],
        recipients: ['investigation_unit'],
        validUntil: '2027-06-15',
      },
      handover: aHandover({ legalGround: 'consent' }),
    });
    for (const c of [marked(), byConsent]) {
      const json = text(card(c, people.farInvestigator1));
      expect(json).toContain(initials);
      expect(json).toContain(summary);
      expect(json).toContain(sv.concerns.violence);
      expect(json).not.toContain(description);
      expect(json).not.toContain(sv.reporterRoles.teacher);
    }
  });

  it('says plainly that an urgent report came straight from the school when the team has not given its view', () => {
    const json = text(card(urgentIntakeCase(), people.farInvestigator1, { deadlines: urgentOutOfHoursDeadlines }));
    expect(json).toContain(sv.handoverCard.summaryMissingUrgent);
    expect(json).toContain(sv.handoverCard.urgentBanner);
  });

  it('shows the 14-day initial-assessment date counted in calendar days from arrival', () => {
    // Arrived Wednesday 25 November; today is Thursday 26 November.
    const json = text(card(marked(), people.farInvestigator1));
    expect(json).toContain('Förhandsbedömning senast 2026-12-09 (13 dagar kvar)');
    expect(json).not.toContain('Kvittera senast');
  });

  describe('where the 14 days count from, and why', () => {
    // The reporter made their report of concern on Friday 20 November; the bot took the case in on Wednesday 25th.
    const reportedEarlier = (): Case => {
      const c = urgentIntakeCase();
      const clock = { startsOn: '2026-11-20', basis: 'report_of_concern', unitId: 'FAR-INV' } as const;
      return { ...c, concernReportedOn: '2026-11-20', handover: c.handover && { ...c.handover, assessmentClock: clock } };
    };
    const arrivedAt = { date: '2026-11-25', time: '20:30' };
    const withDeadlines = (c: Case, lang: 'sv' | 'en' = 'sv') =>
      c.handover === undefined ? '' : text(card(c, people.farInvestigator1, { lang, deadlines: handoverDeadlines(c.handover, arrivedAt, '2026-11-26', stockholmCalendar()) }));

    it.each<[string, () => Case, 'sv' | 'en', string[]]>([
      [
        'suspected harm: from the day the report of concern reached social services',
        reportedEarlier,
        'sv',
        ['14-dagarsgränsen räknas från 2026-11-20, då orosanmälan kom in till socialtjänsten', 'Förhandsbedömning senast 2026-12-04 (8 dagar kvar)'],
      ],
      [
        'suspected harm, in English',
        reportedEarlier,
        'en',
        ['The 14-day limit counts from 20 Nov 2026, when the report of concern reached social services'],
      ],
      [
        "the team's handover: from the day it reached the unit",
        handedOverCase,
        'sv',
        [`14-dagarsgränsen räknas från 2026-11-25, då överlämningen kom in till ${farUnit?.name ?? 'missing'}.`, 'Förhandsbedömning senast 2026-12-09 (13 dagar kvar)'],
      ],
      [
        'a handover forwarded from Järva without restarting: from the day it reached Järva',
        acknowledgedHandoverCase,
        'sv',
        ['14-dagarsgränsen räknas från 2026-11-25, då överlämningen kom in till Mottagningen barn och unga Järva.'],
      ],
    ])('for %s', (_label, make, lang, expected) => {
      const json = withDeadlines(make(), lang);
      for (const line of expected) expect(json).toContain(line);
      expect(json).not.toContain('från att överlämningen kom in');
    });

    it('says when a forward to another committee restarted it', () => {
      const c = acknowledgedHandoverCase();
      const clock = { startsOn: '2026-11-25', basis: 'forward_restart', unitId: 'FAR-INV' } as const;
      const json = withDeadlines({ ...c, handover: c.handover && { ...c.handover, assessmentClock: clock } });
      expect(json).toContain(`14-dagarsgränsen räknas från 2026-11-25, då överlämningen kom in till ${farUnit?.name ?? 'missing'} från en annan stadsdelsnämnd.`);
    });
  });

  it("shows plainly that the reporter does not know where the pupil lives, where the directory sent it to the school's district", () => {
    const c = urgentIntakeCase();
    const reason = { code: 'investigation_by_school_district', districtCode: 'FAR', unitId: 'FAR-INV', because: 'unknown' } as const;
    const unknownHome: Case = { ...c, routing: { ...c.routing, homeDistrictCode: undefined, flags: ['home_district_unknown'], reasons: [reason] } };
    const json = text(card(unknownHome, people.farInvestigator1, { deadlines: urgentOutOfHoursDeadlines }));
    expect(json).toContain(sv.handoverCard.homeUnknown.replace('{district}', 'Farsta'));
    expect(text(card(urgentIntakeCase(), people.farInvestigator1, { deadlines: urgentOutOfHoursDeadlines }))).not.toContain('Hemstadsdel okänd');
  });

  it('asks for acknowledgement the same working day and shows the socialjour when the report came out of hours', () => {
    const json = text(card(urgentIntakeCase(), people.farInvestigator1, { deadlines: urgentOutOfHoursDeadlines }));
    expect(json).toContain('Kvittera senast i dag kl 16:30');
    expect(json).toContain(farDistrict?.outOfHoursContact.sv);
    const inHours = { ...urgentOutOfHoursDeadlines, acknowledgeBy: { kind: 'same_working_day' as const, due: { date: '2026-11-26', time: '16:30' }, outsideWorkingHours: false } };
    const duringOffice = text(card(urgentIntakeCase(), people.farInvestigator1, { deadlines: inHours }));
    expect(duringOffice).toContain('Kvittera senast i dag kl 16:30');
    expect(duringOffice).not.toContain(farDistrict?.outOfHoursContact.sv);
  });

  it('words an acknowledgement as a named person taking responsibility, not as a decision', () => {
    const json = text(card(acknowledgedHandoverCase(), people.farInvestigator1, { deadlines: ordinaryDeadlines }));
    expect(json).toContain('Kvitterad: Testperson Mottagning Farsta 2 har tagit ansvar för överlämningen');
    expect(json).toContain('Registrerat av Testperson Mottagning Farsta 1.');
    expect(json).toContain(sv.handover.acknowledgedNote);
    expect(json).toContain('från Mottagningen barn och unga Järva till Mottagningen barn och unga Farsta');
  });

  it('shows the unit\'s questions with the team\'s answers', () => {
    const c = inputRequestedCase({ by: people.farMember1, at: now, text: 'Anpassad studiegång sedan oktober.' });
    const json = text(card(c, people.farInvestigator1));
    expect(json).toContain('Vad har skolan prövat sedan höstlovet?');
    expect(json).toContain('Anpassad studiegång sedan oktober.');
  });
});

describe('buttons on the handover card', () => {
  it('offers "Kvittera" only while the handover waits for acknowledgement', () => {
    expect(buttons(card(marked(), people.farInvestigator1))).toContain('handover.acknowledge');
    expect(buttons(card(acknowledgedHandoverCase(), people.farInvestigator1))).not.toContain('handover.acknowledge');
    expect(buttons(card(outcomeReportedCase(), people.farUnitManager))).not.toContain('handover.acknowledge');
  });

  it('lets the acknowledger name themself (the default) or a colleague of the same unit, nobody else', () => {
    const x = card(marked(), people.farInvestigator1);
    const ids = choicesOf(x, 'responsibleId');
    expect(ids[0]).toBe(people.farInvestigator1);
    expect(ids.sort()).toEqual([people.farInvestigator1, people.farInvestigator2, people.farUnitManager].sort());
    expect(nodesOf(x).find((n) => n.id === 'responsibleId')?.value).toBe(people.farInvestigator1);
  });

  it('forwards only to other units', () => {
    const units = choicesOf(card(marked(), people.farInvestigator1), 'toUnitId');
    expect(units).not.toContain('FAR-INV');
    expect(units.sort()).toEqual(testDirectory.investigationUnits.map((u) => u.id).filter((id) => id !== 'FAR-INV').sort());
  });

  it('follows the handover through its states', () => {
    expect(buttons(card(acknowledgedHandoverCase(), people.farInvestigator1)).sort()).toEqual(
      ['handover.forward', 'handover.report_outcome', 'handover.request_input', 'handover.view'].sort(),
    );
    expect(buttons(card(outcomeReportedCase(), people.farUnitManager)).sort()).toEqual(
      ['handover.close', 'handover.invite_sst', 'handover.request_input', 'handover.view'].sort(),
    );
    // A question waiting for the team's answer: no second one.
    expect(buttons(card(inputRequestedCase(), people.farInvestigator1))).not.toContain('handover.request_input');
  });

  it.each<['sv' | 'en', Record<string, RegExp>]>([
    ['sv', { reporting_duty: /^Uppgiftsskyldigheten.*betydelse för utredningen/, own_work: /utredningsenhetens egen verksamhet.*OSL 10 kap\. 2 §/ }],
    ['en', { reporting_duty: /^The duty to provide information.*investigation/, own_work: /investigation unit's own work.*OSL ch\. 10 s\. 2/ }],
  ])('titles the invitation grounds as the duty to provide information and the unit\'s own work (%s)', (lang, meaning) => {
    const titles = choiceTitles(card(outcomeReportedCase(), people.farUnitManager, { lang }), 'inviteGround');
    for (const [ground, pattern] of Object.entries(meaning)) expect(titles[ground], ground).toMatch(pattern);
    expect(titles.reporting_duty).not.toMatch(/anmälningsskyldighet|duty to report/i);
  });

  it('shows the ground of a handover and of an invitation with their legal meaning', () => {
    const invited = outcomeReportedCase();
    const c = { ...invited, handover: invited.handover && { ...invited.handover, sstInvitation: { sstWorkerId: people.farMember1, legalGround: 'reporting_duty' as const, by: people.farUnitManager, at: now } } };
    const json = text(card(c, people.farUnitManager));
    expect(json).toContain(testDirectory.legal.handoverGrounds.reporting_duty.sv);
    expect(json).toContain(`Grund: ${testDirectory.legal.invitationGrounds.reporting_duty.sv}`);
  });

  it('offers inviting the team\'s worker only once an investigation is open', () => {
    const notOpened = outcomeReportedCase();
    const c = { ...notOpened, handover: notOpened.handover && { ...notOpened.handover, outcome: { outcome: 'not_opened' as const, by: people.farUnitManager, at: now } } };
    expect(buttons(card(c, people.farUnitManager))).not.toContain('handover.invite_sst');
  });

  it('shows a stranger and an admin "no access" and no buttons', () => {
    for (const userId of [people.stranger, people.admin, people.skaInvestigator, people.reporter]) {
      const x = card(marked(), userId);
      expect(text(x.body), userId).toContain(sv.handoverCard.noAccess);
      expect(text(x.body)).not.toContain(initials);
      expect(text(x)).not.toContain('FAR-2026-0042');
      expect(buttons(x)).toEqual([]);
    }
  });

  it('shows the team what the policy allows, without the unit\'s buttons', () => {
    const x = card(acknowledgedHandoverCase(), people.farMember1, { deadlines: ordinaryDeadlines });
    expect(text(x)).toContain(summary);
    expect(buttons(x)).toEqual(['handover.view']);
  });

  it('carries the case id and version on every button that changes the handover', () => {
    for (const [c, userId] of [
      [marked(), people.farInvestigator1],
      [acknowledgedHandoverCase(), people.farInvestigator1],
      [outcomeReportedCase(), people.farUnitManager],
    ] as const) {
      const changing = executeActionsOf(card(c, userId)).filter((a) => a.verb !== 'handover.view');
      expect(changing.length).toBeGreaterThan(0);
      for (const a of changing) expect(a.data, String(a.verb)).toEqual({ caseId: c.id, version: c.version });
    }
  });

  it('brings a rejected form back inline with the values kept and no other form', () => {
    const x = card(marked(), people.farInvestigator1, {
      form: { verb: 'handover.forward', values: { toUnitId: 'JAR-INV', forwardReason: '' }, errors: [{ field: 'forwardReason', code: 'required' }] },
    });
    expect(nodesOf(x.body).find((n) => n.id === 'toUnitId')?.value).toBe('JAR-INV');
    expect(text(x.body)).toContain(sv.fieldErrors.required);
    expect(nodesOf(x.actions).filter((n) => n.type === 'Action.ShowCard')).toEqual([]);
    expect(buttons(x)).toContain('handover.forward');
  });
});

describe('the input-request card', () => {
  it('names the unit, the reference and the school, and sends the case and question ids', () => {
    const c = inputRequestedCase();
    const x = renderInputRequestCard({ lang: 'sv', clock: cardClock, directory: testDirectory, case: { ...c, pupil: { initials, yearGroup: 7 }, text: description }, questionId: 'r-1' });
    const json = text(x);
    expect(json).toContain('Utredningsenheten Mottagningen barn och unga Farsta ber om ditt underlag i FAR-2026-0042 (Hökarängsskolan)');
    expect(json).not.toContain(initials);
    expect(json).not.toContain(description);
    expect(executeActionsOf(x).map((a) => a.data)).toEqual([{ caseId: c.id, questionId: 'r-1' }]);
  });

  it('thanks the team once the input is sent, and offers no field', () => {
    const c = inputRequestedCase({ by: people.farMember1, at: now, text: 'Bättre sedan november.' });
    const x = renderInputRequestCard({ lang: 'sv', clock: cardClock, directory: testDirectory, case: c, questionId: 'r-1', answered: true });
    expect(text(x)).toContain(sv.inputRequestCard.thanks);
    expect(text(x)).toContain('Bättre sedan november.');
    expect(executeActionsOf(x)).toEqual([]);
  });
});

describe('mina överlämningar', () => {
  it('lists urgent handovers awaiting acknowledgement first, without pupil data', () => {
    const ordinary = { ...acknowledgedHandoverCase(), pupil: { initials, yearGroup: 7 as const }, text: description };
    const x = renderMyHandovers({
      lang: 'sv', clock: cardClock,
      directory: testDirectory,
      now,
      items: [{ case: ordinary, deadlines: ordinaryDeadlines }, { case: urgentIntakeCase(), deadlines: urgentOutOfHoursDeadlines }],
    });
    const json = text(x);
    expect(json.indexOf('FAR-2026-0047')).toBeLessThan(json.indexOf('FAR-2026-0042'));
    expect(json).toContain('Kvittera senast i dag kl 16:30');
    expect(json).toContain('Förhandsbedömning senast 2026-12-09 (13 dagar kvar)');
    expect(json).not.toContain(initials);
    expect(json).not.toContain(description);
    expect(json).not.toContain(summary);
    expect(executeActionsOf(x).filter((a) => a.verb === 'handover.view').map((a) => a.data)).toEqual([{ caseId: 'case-urgent-7' }, { caseId: ordinary.id }]);
  });

  it('says so when there is nothing', () => {
    expect(text(renderMyHandovers({ lang: 'en', clock: cardClock, directory: testDirectory, now, items: [] }))).toContain(catalogue('en').myHandovers.empty);
  });
});

describe('the hand-over on the case card', () => {
  const caseCard = (c: Case, userId: string) =>
    renderCaseCard({ lang: 'sv', clock: cardClock, directory: testDirectory, case: c, audienceMris: [], viewer: { userId, roles: rolesFor(userId, c, testDirectory) }, duplicates: [], undelivered: [], now });

  it('is offered to the assignee of an assigned case, not to other members, the reporter or the unit', () => {
    const c = assignedCase();
    expect(buttons(caseCard(c, people.farMember1))).toContain('case.hand_over');
    for (const userId of [people.farMember2, people.reporter, people.farInvestigator1]) expect(buttons(caseCard(c, userId)), userId).not.toContain('case.hand_over');
    expect(buttons(caseCard(handedOverCase(), people.farMember1))).not.toContain('case.hand_over');
  });

  it('offers consent as the ground only while a valid consent is on the case', () => {
    expect(choicesOf(caseCard(assignedCase(), people.farMember1), 'handoverGround')).toEqual(['consent', 'reporting_duty', 'own_work']);
    const withoutConsent = assignedCase({ consent: { givenBy: 'none', scope: [] } });
    expect(choicesOf(caseCard(withoutConsent, people.farMember1), 'handoverGround')).toEqual(['reporting_duty', 'own_work']);
  });

  it.each<['sv' | 'en', Record<string, RegExp>]>([
    ['sv', { consent: /^Samtycke.*OSL 12 kap\. 2 §/, reporting_duty: /^Anmälningsskyldigheten.*OSL 10 kap\. 28 §/, own_work: /utlämnande myndigheten.*egen verksamhet|egen verksamhet.*utlämnande myndigheten/ }],
    ['en', { consent: /^Consent.*OSL ch\. 12 s\. 2/, reporting_duty: /^The duty to report.*OSL ch\. 10 s\. 28/, own_work: /disclosing authority.*own activities/ }],
  ])('titles each ground on the hand-over form with its legal meaning from the directory (%s)', (lang, meaning) => {
    const x = renderCaseCard({ lang, clock: cardClock, directory: testDirectory, case: assignedCase(), viewer: { userId: people.farMember1, roles: rolesFor(people.farMember1, assignedCase(), testDirectory) }, audienceMris: [], duplicates: [], undelivered: [], now });
    const titles = choiceTitles(x, 'handoverGround');
    expect(Object.keys(titles)).toEqual(['consent', 'reporting_duty', 'own_work']);
    for (const [ground, pattern] of Object.entries(meaning)) expect(titles[ground], ground).toMatch(pattern);
    expect(titles.own_work).not.toMatch(/socialtjänstens arbete|social services'? work/i);
  });

  it('titles each ground with the text the directory gives, so a corrected text needs no release', () => {
    const corrected: Directory = { ...testDirectory, legal: { ...testDirectory.legal, handoverGrounds: { ...testDirectory.legal.handoverGrounds, own_work: { sv: 'Rättad grund', en: 'Corrected ground' } } } };
    const x = renderCaseCard({ lang: 'sv', clock: cardClock, directory: corrected, case: assignedCase(), viewer: { userId: people.farMember1, roles: rolesFor(people.farMember1, assignedCase(), corrected) }, audienceMris: [], duplicates: [], undelivered: [], now });
    expect(choiceTitles(x, 'handoverGround').own_work).toBe('Rättad grund');
  });

  it('is not offered when the pupil lives in another municipality', () => {
    const c = assignedCase({ routing: { ...newCase().routing, investigationUnitId: undefined, homeDistrictCode: undefined, flags: ['other_municipality'] } });
    expect(buttons(caseCard(c, people.farMember1))).not.toContain('case.hand_over');
  });

  it('has the summary (300 characters), the ground and urgency inputs, and a rejected form inline', () => {
    const c = assignedCase();
    const summaryInput = nodesOf(caseCard(c, people.farMember1)).find((n) => n.id === 'handoverSummary');
    expect(summaryInput?.maxLength).toBe(300);
    const rejected = renderCaseCard({
      lang: 'sv', clock: cardClock,
      directory: testDirectory,
      case: c,
      viewer: { userId: people.farMember1, roles: rolesFor(people.farMember1, c, testDirectory) },
      audienceMris: [],
      duplicates: [],
      undelivered: [],
      now,
      form: { verb: 'case.hand_over', values: { handoverSummary: 'Ring 20101010-1234', handoverGround: 'own_work', handoverUrgent: 'true' }, errors: [{ field: 'summary', code: 'personnummer' }] },
    });
    expect(nodesOf(rejected.body).find((n) => n.id === 'handoverSummary')?.value).toBe('Ring 20101010-1234');
    expect(nodesOf(rejected.body).find((n) => n.id === 'handoverUrgent')?.value).toBe('true');
    expect(text(rejected.body)).toContain(sv.fieldErrors.personnummer);
    expect(nodesOf(rejected).filter((n) => n.type === 'Action.ShowCard')).toEqual([]);
  });

  it('shows the team where the handover stands: unit, who acknowledged, the 14-day date and the unit\'s questions', () => {
    const json = text(caseCard(inputRequestedCase(), people.farMember1));
    expect(json).toContain('Mottagningen barn och unga Farsta');
    expect(json).toContain('Kvitterad av Testperson Mottagning Farsta 2 2026-11-25 15:05');
    expect(json).toContain('Förhandsbedömning senast 2026-12-09 (13 dagar kvar)');
    expect(json).toContain('Vad har skolan prövat sedan höstlovet?');
    expect(json).toContain(sv.handover.inputAnswerInChat);
  });

  it("shows the team the 14-day date counted from the reporter's report of concern", () => {
    const c = urgentIntakeCase();
    const clock = { startsOn: '2026-11-20', basis: 'report_of_concern', unitId: 'FAR-INV' } as const;
    const reportedEarlier = { ...c, assigneeId: people.farMember1, state: 'assigned' as const, handover: c.handover && { ...c.handover, assessmentClock: clock } };
    expect(text(caseCard(reportedEarlier, people.farMember1))).toContain('Förhandsbedömning senast 2026-12-04 (8 dagar kvar)');
  });

  it('shows the reporter no handover details at all', () => {
    const json = text(caseCard(acknowledgedHandoverCase(), people.reporter));
    expect(json).not.toContain('Mottagningen barn och unga');
    expect(json).not.toContain('Testperson Mottagning');
  });
});

describe('handover notices', () => {
  it('has a text for each outcome and falls back to the case notices for rule violations', () => {
    expect(handoverNoticeText('sv', 'forwarded', { unit: 'Mottagningen barn och unga Järva' })).toBe('Överlämningen är skickad vidare till Mottagningen barn och unga Järva.');
    expect(handoverNoticeText('en', 'not_in_unit')).toBe(catalogue('en').caseNotices.not_in_unit);
  });
});

describe("the ground of the team's answer to an investigator's request comes from the directory", () => {
  const corrected: Directory = {
    ...testDirectory,
    legal: { ...testDirectory.legal, inputAnswerGrounds: { ...testDirectory.legal.inputAnswerGrounds, reporting_duty: { sv: 'Rättad uppgiftsskyldighet', en: 'Corrected duty' } } },
  };

  it('shows the ground on the card as the directory words it, for the team that answers and the investigator', () => {
    const c = investigationInputRequestCase();
    for (const userId of [people.farMember2, people.farInvestigator1]) {
      const json = JSON.stringify(renderHandoverCard({ lang: 'sv', clock: cardClock, directory: corrected, case: c, viewer: { userId, roles: rolesFor(userId, c, corrected) }, audienceMris: [], now }));
      expect(json).toContain('Rättad uppgiftsskyldighet');
      expect(json).not.toContain(testDirectory.legal.invitationGrounds.reporting_duty.sv);
    }
  });

  it("offers the directory's texts as the choices on the investigator's form", () => {
    const form = renderInputRequestForm({ lang: 'sv', directory: corrected, viewerId: people.farInvestigator1, formId: 'form-1' });
    expect(JSON.stringify(form)).toContain('Rättad uppgiftsskyldighet');
  });
});

describe('refresh ids on the handover card', () => {
  it("are only on the base card and the unit's own views, never on a team member's, a reporter's or a stranger's", () => {
    const c = marked();
    expect(refreshIds(card(c))).not.toEqual([]);
    expect(refreshIds(card(c, people.farInvestigator1))).not.toEqual([]);
    for (const outsider of [people.farMember1, people.reporter, people.stranger]) expect(refreshIds(card(c, outsider)), outsider).toEqual([]);
  });
});
