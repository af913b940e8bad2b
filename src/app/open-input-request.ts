import type { Actor, Case } from '../domain/case/case';
import { err, ok, type FieldError, type Result } from '../domain/errors';
import { openInputRequest as openInputRequestCase, unitsOf, type InputRequestDraft, type InputRequestField } from '../domain/handover/input-request';
import { auditIntakeDisclosures } from './audit-disclosures';
import { planReminders } from './plan-reminders';
import { submissionKeyOf, type SubmitReportDeps } from './submit-report';

export type OpenInputRequestError = { code: 'not_authorized' } | { code: 'invalid_field'; fields: FieldError<InputRequestField>[] };

/**
 * True when the actor may open an input request at all: a contact or manager of some investigation unit (the
 * directory decides). Anyone else is refused, and the attempt is audited.
 */
export async function mayRequestInput(deps: Pick<SubmitReportDeps, 'directory' | 'store' | 'clock'>, actor: Actor): Promise<boolean> {
  if (unitsOf(deps.directory(), actor.userId).length > 0) return true;
  await deps.store.appendAudit({ at: deps.clock.now(), actorId: actor.userId, action: 'input_request.refused', detail: { reason: 'not_in_unit' } });
  return false;
}

/**
 * Stores an investigator's request for the school-social team's input (domain/handover/input-request.ts)
 * once per form: the unit's people only (anyone else is refused and audited), the question audited as a
 * disclosure to the team. Delivery to the team's inbox is the caller's next step (`routeInputRequest`).
 */
export async function openInputRequest(
  deps: SubmitReportDeps,
  cmd: { actor: Actor; formId: string; draft: InputRequestDraft },
): Promise<Result<{ case: Case; duplicate: boolean }, OpenInputRequestError>> {
  const { actor } = cmd;
  const now = deps.clock.now();
  if (!(await mayRequestInput(deps, actor))) return err({ code: 'not_authorized' });
  const opened = openInputRequestCase(cmd.draft, {
    actor,
    caseId: deps.ids.newId(),
    questionId: deps.ids.newId(),
    submissionKey: submissionKeyOf(actor, cmd.formId),
    at: now,
    today: deps.clock.today(),
    directory: deps.directory(),
  });
  if (!opened.ok) return err({ code: 'invalid_field', fields: opened.error });
  const { case: stored, created } = await deps.store.createCase(opened.value, Number(deps.clock.today().slice(0, 4)));
  if (created) {
    await deps.store.appendAudit({ at: now, actorId: actor.userId, action: 'input_request.opened', caseId: stored.id, detail: { unitId: stored.handover?.unitId ?? '' } });
    await auditIntakeDisclosures(deps.store, stored, deps.directory());
  }
  await planReminders(deps, stored.id);
  return ok({ case: stored, duplicate: !created });
}
