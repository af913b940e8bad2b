import { z } from 'zod';
import { isStoredSubmission } from '../../../../app/submit-report';
import { submitConsultation } from '../../../../app/submit-consultation';
import type { BotDeps } from '../../bot-deps';
import { renderConsultationConfirmation, renderConsultationForm } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import type { BotRoutes } from '../../turn';
import { consultationPayloadSchema, readConsultationPayload } from './schemas';

/** Anonymous consultation: a question to the school's team without any pupil fields (domain.md L9). */
export function registerConsultation(routes: BotRoutes, deps: BotDeps): void {
  routes.cardAction(verbs.consultationOpen, z.unknown(), async ({ lang }) =>
    renderConsultationForm({ lang, directory: deps.directory(), formId: deps.ids.newId() }),
  );

  routes.cardAction(verbs.consultationSubmit, consultationPayloadSchema, async ({ lang, actor }, payload) => {
    const directory = deps.directory();
    if (!actor || payload === undefined) {
      deps.log.warn({ event: 'consultation.payload_malformed' });
      await deps.store.appendAudit({ at: deps.clock.now(), actorId: actor?.userId ?? 'unknown', action: 'card.refused', detail: { verb: verbs.consultationSubmit, reason: 'malformed' } });
      return renderConsultationForm({ lang, directory, formId: deps.ids.newId() });
    }
    const parsed = readConsultationPayload(payload);
    if (parsed.kind === 'invalid')
      return renderConsultationForm({ lang, directory, formId: parsed.formId, values: parsed.values, errors: parsed.errors });
    const submit = () => submitConsultation(deps, { actor, formId: parsed.formId, draft: parsed.draft });
    const result = await deps.submissions.run(`${actor.tenantId}:${actor.userId}`, parsed.formId, submit, () =>
      isStoredSubmission(deps, actor, parsed.formId),
    );
    if (result === undefined) {
      deps.log.warn({ event: 'consultation.rate_limited' });
      return renderConsultationForm({ lang, directory, formId: parsed.formId, values: parsed.values, refusal: 'too_many_submissions' });
    }
    if (!result.ok)
      return renderConsultationForm({ lang, directory, formId: parsed.formId, values: parsed.values, errors: result.error.fields });
    const stored = result.value.case;
    deps.log.info({ event: 'consultation.asked', caseId: stored.id });
    return renderConsultationConfirmation({ lang, directory, case: result.value.case, duplicate: result.value.duplicate });
  });
}
