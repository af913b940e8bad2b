import type { Application, TurnState } from '@microsoft/teams-ai';
import { actOnHandover } from '../../../../app/act-on-handover';
import { afterCaseChange } from '../../../../app/after-case-change';
import { viewCase } from '../../../../app/view-case';
import type { HandoverAction } from '../../../../domain/handover/handover-lifecycle';
import { actorFrom, viewerOf } from '../../actor';
import type { BotDeps } from '../../bot-deps';
import { verbs } from '../../cards/verbs';
import { langOf } from '../../reply';
import { refusalCard } from '../case/refusal-card';
import type { CaseForm } from '../case/respond';
import { seesHandover } from '../../cards/views/handover-card';
import { handoverCardFor, handoverCardForError } from './respond';
import {
  handoverAcknowledgeSchema,
  handoverCloseSchema,
  handoverForwardSchema,
  handoverGiveInputSchema,
  handoverInviteSstSchema,
  handoverReportOutcomeSchema,
  handoverRequestInputSchema,
  handoverViewSchema,
} from './schemas';
import { onCardAction } from '../../card-action';

type Parsed = { caseId: string; version: number; action?: HandoverAction; form: CaseForm };
const required = (field: string) => [{ field, code: 'required' as const }];

/** The handover card for the investigation unit: its own view, and one route per step of the handover. */
export function registerHandover(app: Application<TurnState>, deps: BotDeps): void {
  onCardAction(app, verbs.handoverView, async (context, data) => {
    const lang = langOf(context);
    const actor = actorFrom(context);
    const parsed = handoverViewSchema.safeParse(data);
    if (!actor || !parsed.success) return refusalCard(deps, context);
    const viewed = await viewCase(deps, actor, parsed.data.caseId);
    // A reporter or an admin may open the case but sees nothing of its handover: the same answer as a stranger.
    return viewed.ok && seesHandover(viewed.value.roles, viewed.value.case)
      ? handoverCardFor(deps, lang, viewerOf(context, actor), viewed.value.case, viewed.value.roles)
      : refusalCard(deps, context);
  });

  const route = (verb: string, parse: (data: unknown) => Parsed | undefined) =>
    onCardAction(app, verb, async (context, data) => {
      const lang = langOf(context);
      const actor = actorFrom(context);
      const parsed = parse(data);
      if (!actor || !parsed) return refusalCard(deps, context);
      if (!parsed.action) {
        const viewed = await viewCase(deps, actor, parsed.caseId);
        return viewed.ok && seesHandover(viewed.value.roles, viewed.value.case)
          ? handoverCardFor(deps, lang, viewerOf(context, actor), viewed.value.case, viewed.value.roles, { form: parsed.form })
          : refusalCard(deps, context);
      }
      const result = await actOnHandover(deps, { actor, caseId: parsed.caseId, seenVersion: parsed.version, action: parsed.action });
      if (!result.ok) return result.error.code === 'not_found' ? refusalCard(deps, context, 'not_found') : handoverCardForError(deps, lang, viewerOf(context, actor), result.error, parsed.form);
      const { case: changed, events, roles } = result.value;
      deps.background.run('handover.after_change', () => afterCaseChange(deps, changed, events));
      deps.log.info({ event: `handover.${parsed.action.type}`, caseId: changed.id });
      return handoverCardFor(deps, lang, viewerOf(context, actor), changed, roles, { done: parsed.action.type });
    });

  route(verbs.handoverAcknowledge, (data) => {
    const p = handoverAcknowledgeSchema.safeParse(data);
    if (!p.success) return undefined;
    const responsibleId = p.data.responsibleId?.trim() || undefined;
    const form = { verb: verbs.handoverAcknowledge, values: { responsibleId: p.data.responsibleId ?? '' }, errors: [] };
    return { caseId: p.data.caseId, version: p.data.version, action: { type: 'acknowledge', ...(responsibleId ? { responsibleId } : {}) }, form };
  });
  route(verbs.handoverForward, (data) => {
    const p = handoverForwardSchema.safeParse(data);
    if (!p.success) return undefined;
    const { toUnitId, forwardReason } = p.data;
    const values = { toUnitId: toUnitId ?? '', forwardReason: forwardReason ?? '' };
    const missing = [...(toUnitId ? [] : required('toUnitId')), ...(forwardReason ? [] : required('forwardReason'))];
    const form = { verb: verbs.handoverForward, values, errors: missing };
    if (!toUnitId || !forwardReason) return { caseId: p.data.caseId, version: p.data.version, form };
    return { caseId: p.data.caseId, version: p.data.version, action: { type: 'forward', toUnitId, reason: forwardReason }, form };
  });
  route(verbs.handoverRequestInput, (data) => {
    const p = handoverRequestInputSchema.safeParse(data);
    if (!p.success) return undefined;
    const text = p.data.inputQuestion ?? '';
    const form = { verb: verbs.handoverRequestInput, values: { inputQuestion: text }, errors: [] };
    return { caseId: p.data.caseId, version: p.data.version, action: { type: 'request_input', questionId: deps.ids.newId(), text }, form };
  });
  route(verbs.handoverReportOutcome, (data) => {
    const p = handoverReportOutcomeSchema.safeParse(data);
    if (!p.success) return undefined;
    const outcome = p.data.handoverOutcome;
    const form = { verb: verbs.handoverReportOutcome, values: { handoverOutcome: outcome ?? '' }, errors: outcome ? [] : required('handoverOutcome') };
    return outcome ? { caseId: p.data.caseId, version: p.data.version, action: { type: 'report_outcome', outcome }, form } : { caseId: p.data.caseId, version: p.data.version, form };
  });
  route(verbs.handoverInviteSst, (data) => {
    const p = handoverInviteSstSchema.safeParse(data);
    if (!p.success) return undefined;
    const ground = p.data.inviteGround;
    const form = { verb: verbs.handoverInviteSst, values: { inviteGround: ground ?? '' }, errors: ground ? [] : required('inviteGround') };
    return ground ? { caseId: p.data.caseId, version: p.data.version, action: { type: 'invite_sst', legalGround: ground }, form } : { caseId: p.data.caseId, version: p.data.version, form };
  });
  // The team answers an investigator's input request on the exchange card itself; the answer lands on every copy.
  route(verbs.handoverGiveInput, (data) => {
    const p = handoverGiveInputSchema.safeParse(data);
    if (!p.success) return undefined;
    const text = p.data.inputAnswer ?? '';
    const form = { verb: verbs.handoverGiveInput, values: { inputAnswer: text }, errors: [] };
    return { caseId: p.data.caseId, version: p.data.version, action: { type: 'answer_input', questionId: p.data.questionId, text }, form };
  });
  route(verbs.handoverClose, (data) => {
    const p = handoverCloseSchema.safeParse(data);
    return p.success ? { ...p.data, action: { type: 'close' }, form: { verb: verbs.handoverClose, values: {}, errors: [] } } : undefined;
  });
}
