import { z } from 'zod';
import { isStoredSubmission, submitReport } from '../../../../app/submit-report';
import { isWithinWorkingHours } from '../../../../domain/calendar/working-hours';
import type { FieldError } from '../../../../domain/errors';
import type { ReportDraft } from '../../../../domain/report/report';
import type { ReportField } from '../../../../domain/report/rules';
import { findSchool, type Directory } from '../../../../domain/routing/directory';
import type { BotDeps } from '../../bot-deps';
import { renderProtectedIdentity, renderReportConfirmation, renderReportForm } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import { commands } from '../../commands';
import { concernChannelText } from '../../cards/views/concern-channel';
import type { Lang } from '../../i18n/i18n';
import type { BotRoutes } from '../../turn';
import { readReportPayload, reportPayloadSchema } from './schemas';

/** Teacher intake: `anmäl`/`report` opens the form; `report.submit` validates, stores and confirms in place. */
export function registerReport(routes: BotRoutes, deps: BotDeps): void {
  const blankForm = (lang: Lang) => renderReportForm({ lang, directory: deps.directory(), formId: deps.ids.newId() });

  routes.command(commands.report, async (turn) => blankForm(turn.lang));
  routes.cardAction(verbs.reportOpen, z.unknown(), async (turn) => blankForm(turn.lang));

  routes.cardAction(verbs.reportSubmit, reportPayloadSchema, async ({ lang, actor }, payload) => {
    if (!actor || payload === undefined) {
      deps.log.warn({ event: 'report.payload_malformed' });
      await deps.store.appendAudit({ at: deps.clock.now(), actorId: actor?.userId ?? 'unknown', action: 'card.refused', detail: { verb: verbs.reportSubmit, reason: 'malformed' } });
      return blankForm(lang);
    }
    const parsed = readReportPayload(payload);
    const directory = deps.directory();
    const rejected = (errors: FieldError<ReportField>[], draft?: ReportDraft) =>
      renderReportForm({
        lang,
        directory,
        formId: parsed.formId,
        values: parsed.values,
        errors: draft ? withChannel(errors, draft, directory, lang) : errors,
      });
    if (parsed.kind === 'invalid') return rejected(parsed.errors);

    const submit = () => submitReport(deps, { actor, formId: parsed.formId, draft: parsed.draft });
    const result = await deps.submissions.run(`${actor.tenantId}:${actor.userId}`, parsed.formId, submit, () =>
      isStoredSubmission(deps, actor, parsed.formId),
    );
    if (result === undefined) {
      deps.log.warn({ event: 'report.rate_limited' });
      return renderReportForm({ lang, directory, formId: parsed.formId, values: parsed.values, refusal: 'too_many_submissions' });
    }
    if (result.ok) {
      const stored = result.value.case;
      deps.log.info({ event: result.value.duplicate ? 'case.submit_repeated' : 'case.submitted', caseId: stored.id });
      // Out of hours as the handover card decides it: the intake unit's office hours from the directory's calendar.
      const outsideWorkingHours = !isWithinWorkingHours(deps.clock.toLocal(deps.clock.now()), deps.calendar());
      return renderReportConfirmation({ lang, directory, case: stored, duplicate: result.value.duplicate, outsideWorkingHours });
    }
    switch (result.error.code) {
      case 'protected_identity':
        return renderProtectedIdentity({ lang });
      case 'invalid_field':
        return rejected(result.error.fields, parsed.draft);
      default: {
        const unreachable: never = result.error;
        return unreachable;
      }
    }
  });
}

/** The "report of concern" error tells the reporter where to report (concern-channel.ts). */
function withChannel(errors: FieldError<ReportField>[], draft: ReportDraft, dir: Directory, lang: Lang): FieldError<ReportField>[] {
  const channel = concernChannelText(draft.homeDistrict, findSchool(dir, draft.schoolId)?.districtCode, dir, lang);
  return errors.map((e) => (e.code === 'concern_report_date_required' ? { ...e, params: { ...e.params, channel } } : e));
}
