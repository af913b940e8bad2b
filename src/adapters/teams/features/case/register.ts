import type { z } from 'zod';
import { actOnCase } from '../../../../app/act-on-case';
import { viewCase } from '../../../../app/view-case';
import type { CaseCommand } from '../../../../app/act-on-case';
import { isCalendarDate } from '../../../../domain/calendar/calendar-date';
import type { BotDeps } from '../../bot-deps';
import { verbs } from '../../cards/verbs';
import { viewerOf, type BotRoutes } from '../../turn';
import { refusalCard } from './refusal-card';
import { cardForCase, cardForError, type CaseForm } from './respond';
import { askActionOf, closeActionOf, consentOf } from './to-action';
import { caseHandOverSchema } from '../handover/schemas';
import { caseAskSchema, caseCloseSchema, caseConsentSchema, caseFollowUpSchema, caseLevelSchema, caseMergeSchema, caseRefSchema, caseViewSchema } from './schemas';

type Parsed = { caseId: string; version: number; action: CaseCommand; form?: CaseForm } | { caseId: string; version: number; invalid: CaseForm };

/** The case card: its user-specific view, and one route per action (take, ask, consent and its withdrawal, level, close, follow-up date, merge). */
export function registerCase(routes: BotRoutes, deps: BotDeps): void {
  routes.cardAction(verbs.caseView, caseViewSchema, async (turn, payload) => {
    const { lang, actor } = turn;
    if (!actor || !payload) return refusalCard(deps, turn);
    const viewed = await viewCase(deps, actor, payload.caseId);
    return viewed.ok ? cardForCase(deps, lang, viewerOf(turn, actor), viewed.value) : refusalCard(deps, turn);
  });

  const route = <S extends z.ZodTypeAny>(verb: string, schema: S, parse: (payload: z.output<S>) => Parsed) =>
    routes.cardAction(verb, schema, async (turn, payload) => {
      const { lang, actor } = turn;
      const parsed = payload === undefined ? undefined : parse(payload);
      if (!actor || !parsed) return refusalCard(deps, turn);
      if ('invalid' in parsed) {
        const viewed = await viewCase(deps, actor, parsed.caseId);
        return viewed.ok ? cardForCase(deps, lang, viewerOf(turn, actor), viewed.value, { form: parsed.invalid }) : refusalCard(deps, turn);
      }
      const result = await actOnCase(deps, { actor, caseId: parsed.caseId, seenVersion: parsed.version, action: parsed.action });
      if (!result.ok)
        return result.error.code === 'not_found' ? refusalCard(deps, turn, 'not_found') : cardForError(deps, lang, viewerOf(turn, actor), result.error, parsed.form);
      const changed = result.value.case;
      deps.log.info({ event: `case.${parsed.action.type}`, caseId: changed.id });
      return cardForCase(deps, lang, viewerOf(turn, actor), { case: changed, roles: result.value.roles }, { done: parsed.action.type });
    });

  route(verbs.caseTake, caseRefSchema, (p) => ({ ...p, action: { type: 'take' } }));
  route(verbs.caseAsk, caseAskSchema, (p) => {
    const form: CaseForm = { verb: verbs.caseAsk, values: { question: p.question ?? '' }, errors: [] };
    return { caseId: p.caseId, version: p.version, action: askActionOf(p, deps.ids.newId()), form };
  });
  route(verbs.caseConsent, caseConsentSchema, (p) => {
    const values = {
      consentGivenBy: p.consentGivenBy ?? '',
      consentScope: p.consentScope ?? '',
      consentRecipients: p.consentRecipients ?? '',
      consentValidUntil: p.consentValidUntil ?? '',
      pupilAgeBand: p.pupilAgeBand ?? '',
    };
    const form: CaseForm = { verb: verbs.caseConsent, values, errors: [] };
    const ageBand = p.pupilAgeBand === undefined || p.pupilAgeBand === '' ? {} : { pupilAgeBand: p.pupilAgeBand };
    return { caseId: p.caseId, version: p.version, action: { type: 'record_consent', consent: consentOf(p), ...ageBand }, form };
  });
  route(verbs.caseWithdrawConsent, caseRefSchema, (p) => ({ ...p, action: { type: 'withdraw_consent' } }));
  route(verbs.caseLevel, caseLevelSchema, (p) => ({ caseId: p.caseId, version: p.version, action: { type: 'change_level', level: p.level } }));
  route(verbs.caseClose, caseCloseSchema, (p) => {
    const closing = closeActionOf(p);
    const form: CaseForm = { verb: verbs.caseClose, values: { outcome: p.outcome ?? '' }, errors: closing.ok ? [] : closing.errors };
    return closing.ok ? { ...p, action: closing.action, form } : { caseId: p.caseId, version: p.version, invalid: form };
  });
  route(verbs.caseHandOver, caseHandOverSchema, (p) => {
    const values = { handoverSummary: p.handoverSummary ?? '', handoverGround: p.handoverGround ?? '', handoverUrgent: p.handoverUrgent ?? 'false' };
    const form: CaseForm = { verb: verbs.caseHandOver, values, errors: [] };
    const ground = p.handoverGround;
    if (ground === undefined || ground === '')
      return { caseId: p.caseId, version: p.version, invalid: { ...form, errors: [{ field: 'handoverGround', code: 'required' }] } };
    const action = { type: 'hand_over' as const, summary: values.handoverSummary, legalGround: ground, urgent: values.handoverUrgent === 'true' };
    return { caseId: p.caseId, version: p.version, action, form };
  });
  route(verbs.caseFollowUp, caseFollowUpSchema, (p) => {
    const on = (p.followUpOn ?? '').trim();
    const form: CaseForm = { verb: verbs.caseFollowUp, values: { followUpOn: on }, errors: [] };
    if (!isCalendarDate(on)) return { caseId: p.caseId, version: p.version, invalid: { ...form, errors: [{ field: 'followUpOn', code: 'invalid' }] } };
    return { caseId: p.caseId, version: p.version, action: { type: 'set_follow_up', on }, form };
  });
  route(verbs.caseMerge, caseMergeSchema, (p) => ({ caseId: p.caseId, version: p.version, action: { type: 'merge', intoCaseId: p.intoCaseId } }));
}
