import type { Actor, NewCase } from '../domain/case/case';
import { err, ok, type FieldError, type Result } from '../domain/errors';
import type { DomainEvent } from '../domain/events';
import type { ConsultationDraft } from '../domain/report/report';
import { checkConsultation, type ConsultationField } from '../domain/report/rules';
import { findSchool } from '../domain/routing/directory';
import { routeReport } from '../domain/routing/route-report';
import { schoolAuthority } from '../domain/retention/owning-authority';
import { changeStored, planNewCase } from './dispatch-case-change';
import { submittedAgain } from './plan-reminders';
import { submissionKeyOf, type SubmitReportDeps, type Submitted } from './submit-report';

/**
 * Stores an anonymous consultation: a question to the school's SST team with no pupil fields, so no
 * consent is needed and no investigation unit is involved (domain.md L9). Dispatched to the team's inbox.
 */
export async function submitConsultation(
  deps: SubmitReportDeps,
  cmd: { actor: Actor; formId: string; draft: ConsultationDraft },
): Promise<Result<Submitted, { code: 'invalid_field'; fields: FieldError<ConsultationField>[] }>> {
  const dir = deps.directory();
  const fields = checkConsultation(cmd.draft, dir);
  const routed = routeReport({ schoolId: cmd.draft.schoolId, homeDistrict: { kind: 'unknown' }, suspectedHarm: false }, dir);
  const school = findSchool(dir, cmd.draft.schoolId);
  if (fields.length > 0 || !routed || !school) return err({ code: 'invalid_field', fields });
  // A consultation names no pupil, so it carries no investigation routing: only the team's side.
  const routing = {
    ...routed,
    homeDistrictCode: undefined,
    investigationUnitId: undefined,
    flags: routed.flags.filter((f) => f === 'no_sst_team'),
    reasons: routed.reasons.filter((r) => r.code === 'sst_by_school' || r.code === 'upper_secondary_team' || r.code === 'no_sst_team_fallback'),
  };
  const now = deps.clock.now();
  const newCase: NewCase = {
    id: deps.ids.newId(),
    kind: 'consultation',
    state: 'new',
    tenantId: cmd.actor.tenantId,
    reporterId: cmd.actor.userId,
    reporterRole: cmd.draft.reporterRole,
    submissionKey: submissionKeyOf(cmd.actor, cmd.formId),
    createdAt: now,
    schoolId: cmd.draft.schoolId,
    routing,
    owner: schoolAuthority(school),
    concerns: [],
    suspectedHarm: false,
    text: cmd.draft.question.trim(),
    history: [{ at: now, by: cmd.actor.userId, type: 'consultation_asked' }],
  };
  const events: DomainEvent[] = [{ type: 'CaseSubmitted', kind: 'consultation', caseId: newCase.id, at: now, by: cmd.actor.userId }];
  const outgoing = await planNewCase(deps, newCase, events);
  const { case: stored, created } = await deps.store.createCase(newCase, Number(deps.clock.today().slice(0, 4)), {
    ...outgoing,
    reminders: 'later',
    audit: [{ at: now, actorId: cmd.actor.userId, action: 'consultation.asked', caseId: newCase.id }],
  });
  if (created) changeStored(deps, outgoing);
  else await submittedAgain(deps, stored);
  return ok({ case: stored, duplicate: !created, events });
}
