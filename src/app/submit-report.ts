import type { Actor, Case, NewCase } from '../domain/case/case';
import { err, ok, type FieldError, type Result } from '../domain/errors';
import type { DomainEvent } from '../domain/events';
import type { ReportDraft } from '../domain/report/report';
import { isUpperSecondary } from '../domain/report/report';
import { checkReport, type ReportField } from '../domain/report/rules';
import { suggestSupportLevel } from '../domain/report/support-level';
import { findDistrict, findSchool } from '../domain/routing/directory';
import { withUrgentIntakeHandover } from '../domain/handover/intake-handover';
import { routeReport } from '../domain/routing/route-report';
import { schoolAuthority } from '../domain/retention/owning-authority';
import { intakeDisclosures } from './audit-disclosures';
import type { FollowUpDeps } from './dispatch-case-change';
import { submittedAgain, type ReminderDeps } from './plan-reminders';
import type { CaseRecords } from './ports/cases';
import type { IdSource } from './ports/ids';

/** A repeated form re-plans its case's reminders, so submitting needs the calendar too; routing it needs delivery. */
export type SubmitReportDeps = ReminderDeps & FollowUpDeps & { ids: IdSource };

export interface SubmitReport {
  actor: Actor;
  /** Identifies the form instance; the same form submitted twice yields the same case. */
  formId: string;
  draft: ReportDraft;
}

export type SubmitReportError =
  | { code: 'invalid_field'; fields: FieldError<ReportField>[] }
  | { code: 'protected_identity' };

/** A stored submission: the case, whether the same form was stored before, and the event the dispatcher routes. */
export interface Submitted {
  case: Case;
  duplicate: boolean;
  events: DomainEvent[];
}

export const submissionKeyOf = (actor: Actor, formId: string): string => `${actor.tenantId}:${actor.userId}:${formId}`;

/** True when this person's form was stored before (a late repeat): among their most recent cases. */
export async function isStoredSubmission(deps: { store: CaseRecords }, actor: Actor, formId: string): Promise<boolean> {
  const key = submissionKeyOf(actor, formId);
  return (await deps.store.listCasesByReporter(actor.tenantId, actor.userId, 100)).some((c) => c.submissionKey === key);
}

/**
 * Turns a validated report into exactly one case: routed, with a suggested support level and a reference.
 * A pupil with protected personal data is refused before anything is stored (domain.md L23). The stored case
 * goes to its inbox through the dispatcher, also when the same form comes again (a first send may have failed;
 * every recipient's card has its own key).
 */
export async function submitReport(deps: SubmitReportDeps, cmd: SubmitReport): Promise<Result<Submitted, SubmitReportError>> {
  const { draft, actor } = cmd;
  if (draft.protectedIdentity) {
    await deps.store.appendAudit({ at: deps.clock.now(), actorId: actor.userId, action: 'report.refused_protected_identity' });
    return err({ code: 'protected_identity' });
  }
  const dir = deps.directory();
  const today = deps.clock.today();
  const fields = checkReport(draft, dir, today);
  const school = findSchool(dir, draft.schoolId);
  const home = draft.homeDistrict;
  const routing =
    school && home !== undefined
      ? routeReport({ schoolId: draft.schoolId, yearGroup: draft.yearGroup, homeDistrict: home, suspectedHarm: draft.suspectedHarm }, dir)
      : undefined;
  if (fields.length > 0 || !school || !routing) return err({ code: 'invalid_field', fields });

  const offersIntensive = (code: string | undefined): boolean =>
    code === undefined ? false : (findDistrict(dir, code)?.intensiveSupport ?? false);
  const suggestion = suggestSupportLevel(
    {
      totalAbsencePercent: draft.absence?.totalPercent,
      organiser: school.organiser,
      schoolDistrictOffersIntensive: offersIntensive(school.districtCode),
      // Where the pupil lives, as routed: absent for another municipality. Not guessed when unknown (D14).
      homeDistrictOffersIntensive: home?.kind === 'district' && offersIntensive(routing.homeDistrictCode),
      upperSecondary: isUpperSecondary(draft.yearGroup),
      hasOtherConcerns: draft.concerns.length > 0,
    },
    dir.thresholds,
  );
  const now = deps.clock.now();
  const newCase: NewCase = {
    id: deps.ids.newId(),
    kind: 'referral',
    // Without consent an SST referral stays with the school side and is not passed on (domain.md T10).
    state: draft.consent.givenBy === 'none' ? 'awaiting_consent' : 'new',
    tenantId: actor.tenantId,
    reporterId: actor.userId,
    reporterRole: draft.reporterRole,
    submissionKey: submissionKeyOf(actor, cmd.formId),
    createdAt: now,
    schoolId: school.id,
    routing,
    supportLevel: suggestion.level,
    supportBasis: suggestion.basis,
    owner: schoolAuthority(school),
    pupil: {
      initials: draft.pupilInitials.trim(),
      yearGroup: draft.yearGroup,
      ...(isUpperSecondary(draft.yearGroup) && draft.pupilAgeBand ? { ageBand: draft.pupilAgeBand } : {}),
    },
    absence: draft.absence,
    concerns: draft.concerns,
    steps: draft.steps,
    // The reporter records the consent they obtained (domain.md T11: who, when, to whom).
    consent: draft.consent.givenBy === 'none' ? draft.consent : { ...draft.consent, recordedAt: now, recordedBy: actor.userId },
    suspectedHarm: draft.suspectedHarm,
    concernReportedOn: draft.concernReportedOn,
    text: draft.description.trim(),
    history: [{ at: now, by: actor.userId, type: 'submitted' }],
  };
  const intake = withUrgentIntakeHandover(newCase, today);
  const events: DomainEvent[] = [{ type: 'CaseSubmitted', kind: 'referral', caseId: intake.id, at: now, by: actor.userId }];
  // The case and its audit rows are stored together, with the case on the lists of cases whose first messages
  // (its cards to the team) and reminders the follow-up planner plans once the answer is out
  // (app/follow-up-planner.ts); the same form again stores nothing, re-plans the stored case's reminders
  // harmlessly and is audited as a repeat.
  const { case: stored, created } = await deps.store.createCase(intake, Number(today.slice(0, 4)), {
    messages: [],
    at: now,
    firstMessages: 'later',
    reminders: 'later',
    audit: [{ at: now, actorId: actor.userId, action: 'case.submitted', caseId: intake.id }, ...intakeDisclosures(intake, dir)],
  });
  if (!created) await submittedAgain(deps, stored, { at: now, actorId: actor.userId, action: 'case.submit_repeated', caseId: stored.id });
  return ok({ case: stored, duplicate: !created, events });
}
