import { describe, expect, it } from 'vitest';
import { submitConsultation } from '../../../src/app/submit-consultation';
import { submitReport } from '../../../src/app/submit-report';
import type { Case, OwningAuthority } from '../../../src/domain/case/case';
import { applyCaseAction, type CaseAction } from '../../../src/domain/case/lifecycle';
import { applyHandoverAction, type HandoverAction } from '../../../src/domain/handover/handover-lifecycle';
import { withUrgentIntakeHandover } from '../../../src/domain/handover/intake-handover';
import { partsOf, type CasePart } from '../../../src/domain/retention/case-parts';
import { authorityKey, schoolAuthority } from '../../../src/domain/retention/owning-authority';
import { findSchool } from '../../../src/domain/routing/directory';
import { aCase, aContext, people, testDirectory } from '../../support/a-case';
import { aNewCase } from '../../support/a-new-case';
import { aReport } from '../../support/a-report';
import { FixedClock } from '../../support/fixed-clock';
import { InMemoryCaseStore } from '../../support/in-memory-case-store';
import { QueuedBackgroundWork } from '../../support/queued-background-work';
import { RecordingMessenger } from '../../support/recording-messenger';
import { stockholmCalendar } from '../calendar/stockholm-calendar';

const education: OwningAuthority = { kind: 'education_committee' };
const district = (districtCode: string): OwningAuthority => ({ kind: 'district_committee', districtCode });
const haeInvestigator = '00000000-0000-4000-8000-000000000060';

function act(c: Case, actorId: string, action: CaseAction): Case {
  const done = applyCaseAction(c, action, aContext(actorId));
  if (!done.ok) throw new Error(`${action.type} refused: ${JSON.stringify(done.error)}`);
  return { ...done.value.case, version: c.version + 1 };
}

function actOnHandover(c: Case, actorId: string, action: HandoverAction): Case {
  const done = applyHandoverAction(c, action, aContext(actorId));
  if (!done.ok) throw new Error(`${action.type} refused: ${JSON.stringify(done.error)}`);
  return { ...done.value.case, version: c.version + 1 };
}

/**
 * A Farsta referral worked by the Farsta team (district FAR), handed over to the unit of the pupil's home
 * district Hägersten-Älvsjö (HAE), which forwards it to Skarpnäck (SKA), where the rest happens: every part made
 * through the domain's own actions, so each one carries the tag its action gives it.
 */
function aWorkedCase(): Case {
  const routing = { ...aCase().routing, homeDistrictCode: 'HAE', investigationUnitId: 'HAE-INV' };
  let c = aCase({ state: 'new', routing });
  c = act(c, people.farMember1, { type: 'take' });
  c = act(c, people.farMember1, { type: 'ask_reporter', questionId: 'q-1', text: 'Hur ser det ut på måndagar?' });
  c = act(c, people.reporter, { type: 'answer_question', questionId: 'q-1', text: 'Sämre efter lov.' });
  c = act(c, people.farMember1, { type: 'hand_over', summary: 'Frånvaron ökar trots insatser.', legalGround: 'consent' });
  c = actOnHandover(c, haeInvestigator, { type: 'forward', toUnitId: 'SKA-INV', reason: 'pupil_lives_elsewhere' });
  c = actOnHandover(c, people.skaInvestigator, { type: 'acknowledge' });
  c = actOnHandover(c, people.skaInvestigator, { type: 'request_input', questionId: 'r-1', text: 'Hur har samarbetet gått?' });
  c = actOnHandover(c, people.farMember1, { type: 'answer_input', questionId: 'r-1', text: 'Bra med mamma.' });
  c = actOnHandover(c, people.skaInvestigator, { type: 'report_outcome', outcome: 'investigation_opened' });
  return actOnHandover(c, people.skaInvestigator, { type: 'invite_sst', legalGround: 'consent' });
}

const ownerOf = (c: Case, part: CasePart): string[] => partsOf(c).filter((p) => p.part === part).map((p) => authorityKey(p.owner));

describe('who owns each part of a case', () => {
  const worked = aWorkedCase();

  it.each<[CasePart, OwningAuthority, string]>([
    ['report', education, 'the school that reported (a municipal school: the education committee)'],
    ['reporter_answer', education, "the reporter's school"],
    ['team_question', district('FAR'), "the team's district committee"],
    ['handover_summary', district('FAR'), "the team's district committee"],
    ['input_answer', district('FAR'), "the team's district committee"],
    ['forward', district('HAE'), 'the district committee of the unit that forwarded'],
    ['acknowledgement', district('SKA'), 'the district committee of the unit that acknowledged'],
    ['input_request', district('SKA'), "the asking unit's district committee"],
    ['outcome', district('SKA'), "the recording unit's district committee"],
    ['sst_invitation', district('SKA'), "the inviting unit's district committee"],
  ])('%s belongs to %o: %s', (part, owner) => {
    expect(ownerOf(worked, part)).toEqual([authorityKey(owner)]);
  });

  it('gives the parts of one case to three authorities, not one', () => {
    expect(new Set(partsOf(worked).map((p) => authorityKey(p.owner)))).toEqual(
      new Set(['education_committee', 'district_committee:FAR', 'district_committee:HAE', 'district_committee:SKA']),
    );
  });

  it.each<[string, OwningAuthority]>([
    ['far-hokarangsskolan', education],
    ['eav-ies-enskede', { kind: 'independent_school', schoolId: 'eav-ies-enskede' }],
    ['nin-franska-skolan', { kind: 'independent_school', schoolId: 'nin-franska-skolan' }],
  ])("a report from %s belongs to %o", (schoolId, owner) => {
    const school = findSchool(testDirectory, schoolId);
    if (school === undefined) throw new Error(`no school ${schoolId} in the sample directory`);
    expect(schoolAuthority(school)).toEqual(owner);
  });

  it("gives an urgent report's intake handover to the reporting school until the team adds its summary", () => {
    const independent: OwningAuthority = { kind: 'independent_school', schoolId: 'eav-ies-enskede' };
    const urgent = aNewCase({ owner: independent, suspectedHarm: true, routing: { ...aNewCase().routing, urgent: true } });
    const atIntake: Case = { ...withUrgentIntakeHandover(urgent, '2026-11-23'), reference: 'FAR-2026-0001', version: 1, state: 'assigned', assigneeId: people.farMember1 };
    expect(ownerOf(atIntake, 'handover_summary')).toEqual([authorityKey(independent)]);
    const withSummary = act(atIntake, people.farMember1, { type: 'hand_over', summary: 'Teamets bild.', legalGround: 'reporting_duty' });
    expect(ownerOf(withSummary, 'handover_summary')).toEqual(['district_committee:FAR']);
    expect(ownerOf(withSummary, 'report')).toEqual([authorityKey(independent)]);
  });

  it("counts a part stored before parts were tagged as the case owner's, as every part was then", () => {
    const { owner: _untagged, ...question } = worked.questions?.[0] ?? { id: 'q', askedBy: 'x', askedAt: 'x', text: 'x' };
    expect(ownerOf({ ...worked, questions: [question] }, 'team_question')).toEqual(['education_committee']);
  });
});

describe('who owns a new report', () => {
  const deps = () => {
    let n = 0;
    return {
      store: new InMemoryCaseStore(),
      clock: new FixedClock('2026-11-24T10:00:00.000Z'),
      directory: () => testDirectory,
      calendar: () => stockholmCalendar(),
      ids: { newId: () => `case-${(n += 1)}` },
      messenger: new RecordingMessenger(),
      background: new QueuedBackgroundWork(),
      drainer: { wake: () => undefined },
    };
  };
  const actor = { tenantId: 'tenant-1', userId: people.reporter, locale: 'sv-SE' };

  it.each<[string, string]>([
    ['far-hokarangsskolan', 'education_committee'],
    ['eav-ies-enskede', 'independent_school:eav-ies-enskede'],
  ])('a report and a consultation from %s are owned by %s', async (schoolId, owner) => {
    const report = await submitReport(deps(), { actor, formId: 'form-1', draft: aReport(schoolId) });
    const consultation = await submitConsultation(deps(), { actor, formId: 'form-2', draft: { schoolId, reporterRole: 'teacher', question: 'Hur gör vi?' } });
    expect([report.ok && authorityKey(report.value.case.owner), consultation.ok && authorityKey(consultation.value.case.owner)]).toEqual([owner, owner]);
  });
});
