import type { z } from 'zod';
import { actOnHandover } from '../../../../app/act-on-handover';
import { viewCase } from '../../../../app/view-case';
import type { HandoverAction } from '../../../../domain/handover/handover-lifecycle';
import type { BotDeps } from '../../bot-deps';
import { verbs } from '../../cards/verbs';
import { viewerOf, type BotRoutes } from '../../turn';
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

type Parsed = { caseId: string; version: number; action?: HandoverAction; form: CaseForm };
const required = (field: string) => [{ field, code: 'required' as const }];

/** The handover card for the investigation unit: its own view, and one route per step of the handover. */
export function registerHandover(routes: BotRoutes, deps: BotDeps): void {
  routes.cardAction(verbs.handoverView, handoverViewSchema, async (turn, payload) => {
    const { lang, actor } = turn;
    if (!actor || !payload) return refusalCard(deps, turn);
    const viewed = await viewCase(deps, actor, payload.caseId);
    // A reporter or an admin may open the case but sees nothing of its handover: the same answer as a stranger.
    return viewed.ok && seesHandover(viewed.value.roles, viewed.value.case)
      ? handoverCardFor(deps, lang, viewerOf(turn, actor), viewed.value.case, viewed.value.roles)
      : refusalCard(deps, turn);
  });

  const route = <S extends z.ZodTypeAny>(verb: string, schema: S, parse: (payload: z.output<S>) => Parsed) =>
    routes.cardAction(verb, schema, async (turn, payload) => {
      const { lang, actor } = turn;
      const parsed = payload === undefined ? undefined : parse(payload);
      if (!actor || !parsed) return refusalCard(deps, turn);
      if (!parsed.action) {
        const viewed = await viewCase(deps, actor, parsed.caseId);
        return viewed.ok && seesHandover(viewed.value.roles, viewed.value.case)
          ? handoverCardFor(deps, lang, viewerOf(turn, actor), viewed.value.case, viewed.value.roles, { form: parsed.form })
          : refusalCard(deps, turn);
      }
      const result = await actOnHandover(deps, { actor, caseId: parsed.caseId, seenVersion: parsed.version, action: parsed.action });
      if (!result.ok) return result.error.code === 'not_found' ? refusalCard(deps, turn, 'not_found') : handoverCardForError(deps, lang, viewerOf(turn, actor), result.error, parsed.form);
      const { case: changed, roles } = result.value;
      deps.log.info({ event: `handover.${parsed.action.type}`, caseId: changed.id });
      return handoverCardFor(deps, lang, viewerOf(turn, actor), changed, roles, { done: parsed.action.type });
    });

  route(verbs.handoverAcknowledge, handoverAcknowledgeSchema, (p) => {
    const responsibleId = p.responsibleId?.trim() || undefined;
    const form = { verb: verbs.handoverAcknowledge, values: { responsibleId: p.responsibleId ?? '' }, errors: [] };
    return { caseId: p.caseId, version: p.version, action: { type: 'acknowledge', ...(responsibleId ? { responsibleId } : {}) }, form };
  });
  route(verbs.handoverForward, handoverForwardSchema, (p) => {
    const { toUnitId, forwardReason } = p;
    const values = { toUnitId: toUnitId ?? '', forwardReason: forwardReason ?? '' };
    const missing = [...(toUnitId ? [] : required('toUnitId')), ...(forwardReason ? [] : required('forwardReason'))];
    const form = { verb: verbs.handoverForward, values, errors: missing };
    if (!toUnitId || !forwardReason) return { caseId: p.caseId, version: p.version, form };
    return { caseId: p.caseId, version: p.version, action: { type: 'forward', toUnitId, reason: forwardReason }, form };
  });
  route(verbs.handoverRequestInput, handoverRequestInputSchema, (p) => {
    const text = p.inputQuestion ?? '';
    const form = { verb: verbs.handoverRequestInput, values: { inputQuestion: text }, errors: [] };
    return { caseId: p.caseId, version: p.version, action: { type: 'request_input', questionId: deps.ids.newId(), text }, form };
  });
  route(verbs.handoverReportOutcome, handoverReportOutcomeSchema, (p) => {
    const outcome = p.handoverOutcome;
    const form = { verb: verbs.handoverReportOutcome, values: { handoverOutcome: outcome ?? '' }, errors: outcome ? [] : required('handoverOutcome') };
    return outcome ? { caseId: p.caseId, version: p.version, action: { type: 'report_outcome', outcome }, form } : { caseId: p.caseId, version: p.version, form };
  });
  route(verbs.handoverInviteSst, handoverInviteSstSchema, (p) => {
    const ground = p.inviteGround;
    const form = { verb: verbs.handoverInviteSst, values: { inviteGround: ground ?? '' }, errors: ground ? [] : required('inviteGround') };
    return ground ? { caseId: p.caseId, version: p.version, action: { type: 'invite_sst', legalGround: ground }, form } : { caseId: p.caseId, version: p.version, form };
  });
  // The team answers an investigator's input request on the exchange card itself; the answer lands on every copy.
  route(verbs.handoverGiveInput, handoverGiveInputSchema, (p) => {
    const text = p.inputAnswer ?? '';
    const form = { verb: verbs.handoverGiveInput, values: { inputAnswer: text }, errors: [] };
    return { caseId: p.caseId, version: p.version, action: { type: 'answer_input', questionId: p.questionId, text }, form };
  });
  route(verbs.handoverClose, handoverCloseSchema, (p) => ({ ...p, action: { type: 'close' }, form: { verb: verbs.handoverClose, values: {}, errors: [] } }));
}
