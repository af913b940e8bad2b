import type { Actor, Case } from '../domain/case/case';
import { err, ok, type FieldError, type Result } from '../domain/errors';
import { openInputRequest as openInputRequestCase, unitsOf, type InputRequestDraft, type InputRequestField } from '../domain/handover/input-request';
import type { DomainEvent } from '../domain/events';
import { intakeDisclosures } from './audit-disclosures';
import { newDeliveryRecord } from './new-delivery-record';
import { changeStored, planNewCase } from './dispatch-case-change';
import { submittedAgain } from './plan-reminders';
import { recipientKey, type DeliveryAddress, type Recipient } from './ports/addresses';
import { submissionKeyOf, type SubmitReportDeps, type Submitted } from './submit-report';

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
 * Where the form was sent from: the message in the investigator's personal chat that the form's card is. It
 * becomes the exchange card there, updated in place like every other copy.
 */
export interface FormMessage {
  address: DeliveryAddress;
  messageId: string;
}

/**
 * Stores an investigator's request for the school-social team's input (domain/handover/input-request.ts)
 * once per form: the unit's people only (anyone else is refused and audited), the question audited as a
 * disclosure to the team. The dispatcher then sends it to the team's inbox (`routeInputRequest`).
 */
export async function openInputRequest(
  deps: SubmitReportDeps,
  cmd: { actor: Actor; formId: string; draft: InputRequestDraft; formMessage?: FormMessage },
): Promise<Result<Submitted, OpenInputRequestError>> {
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
  const events: DomainEvent[] = [{ type: 'InputRequestOpened', unitId: opened.value.handover?.unitId ?? '', caseId: opened.value.id, at: now, by: actor.userId }];
  const planned = await planNewCase(deps, opened.value, events);
  // The form's own message in the investigator's chat is their exchange card (rememberFormMessage): no second one.
  const ownChat = recipientKey({ kind: 'person', tenantId: actor.tenantId, userId: actor.userId });
  const outgoing = cmd.formMessage ? { ...planned, messages: planned.messages.filter((m) => m.lane !== ownChat) } : planned;
  const { case: stored, created } = await deps.store.createCase(opened.value, Number(deps.clock.today().slice(0, 4)), {
    ...outgoing,
    reminders: 'later',
    audit: [
      { at: now, actorId: actor.userId, action: 'input_request.opened', caseId: opened.value.id, detail: { unitId: opened.value.handover?.unitId ?? '' } },
      ...intakeDisclosures(opened.value, deps.directory()),
    ],
  });
  if (!created) await submittedAgain(deps, stored);
  if (cmd.formMessage) await rememberFormMessage(deps, actor, stored, cmd.formMessage);
  if (created) changeStored(deps, outgoing);
  return ok({ case: stored, duplicate: !created, events });
}

/**
 * The form's own message in the investigator's chat becomes the exchange card: recorded as its delivery to
 * them (the outbox holds no card for them), so that it is updated in place (the base card, their view by
 * refresh) whenever the team answers.
 */
async function rememberFormMessage(deps: SubmitReportDeps, actor: Actor, c: Case, form: FormMessage): Promise<void> {
  const requester: Recipient = { kind: 'person', tenantId: actor.tenantId, userId: actor.userId };
  const at = deps.clock.now();
  const record = newDeliveryRecord(c, requester, { what: 'input_request_card' }, at);
  if ((await deps.store.getDelivery(record.key))?.status === 'delivered') return;
  await deps.store.saveDelivery({ ...record, status: 'delivered', address: form.address, messageId: form.messageId, attempts: 1 });
}
