import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { actOnCase } from '../../../../app/act-on-case';
import { afterCaseChange } from '../../../../app/after-case-change';
import { viewCase } from '../../../../app/view-case';
import type { CaseCommand } from '../../../../app/act-on-case';
import { isCalendarDate } from '../../../../domain/calendar/calendar-date';
import { actorFrom, viewerOf } from '../../actor';
import type { BotDeps } from '../../bot-deps';
import { verbs } from '../../cards/verbs';
import { langOf } from '../../reply';
import { refusalCard } from './refusal-card';
import { cardForCase, cardForError, type CaseForm } from './respond';
import { askActionOf, closeActionOf, consentOf } from './to-action';
import { caseHandOverSchema } from '../handover/schemas';
import { caseAskSchema, caseCloseSchema, caseConsentSchema, caseFollowUpSchema, caseLevelSchema, caseMergeSchema, caseRefSchema, caseViewSchema } from './schemas';
import { onCardAction } from '../../card-action';

type Parsed = { caseId: string; version: number; action: CaseCommand; form?: CaseForm } | { caseId: string; version: number; invalid: CaseForm };

/** The case card: its user-specific view, and one route per action (take, ask, consent and its withdrawal, level, close, follow-up date, merge). */
export function registerCase(app: Application<TurnState>, deps: BotDeps): void {
  onCardAction(app, verbs.caseView, async (context, data) => {
    const lang = langOf(context);
    const actor = actorFrom(context);
    const parsed = caseViewSchema.safeParse(data);
    if (!actor || !parsed.success) return refusalCard(deps, context);
    const viewed = await viewCase(deps, actor, parsed.data.caseId);
    return viewed.ok ? cardForCase(deps, lang, viewerOf(context, actor), viewed.value) : refusalCard(deps, context);
  });

  const route = (verb: string, parse: (data: unknown, context: TurnContext) => Parsed | undefined) =>
    onCardAction(app, verb, async (context, data) => {
      const lang = langOf(context);
      const actor = actorFrom(context);
      const parsed = parse(data, context);
      if (!actor || !parsed) return refusalCard(deps, context);
      if ('invalid' in parsed) {
        const viewed = await viewCase(deps, actor, parsed.caseId);
        return viewed.ok ? cardForCase(deps, lang, viewerOf(context, actor), viewed.value, { form: parsed.invalid }) : refusalCard(deps, context);
      }
      const result = await actOnCase(deps, { actor, caseId: parsed.caseId, seenVersion: parsed.version, action: parsed.action });
      if (!result.ok)
        return result.error.code === 'not_found' ? refusalCard(deps, context, 'not_found') : cardForError(deps, lang, viewerOf(context, actor), result.error, parsed.form);
      const { case: changed, events, mergedInto } = result.value;
      deps.background.run('case.after_change', async () => {
        await afterCaseChange(deps, changed, events);
        if (mergedInto) await afterCaseChange(deps, mergedInto, []);
      });
      deps.log.info({ event: `case.${parsed.action.type}`, caseId: changed.id });
      return cardForCase(deps, lang, viewerOf(context, actor), { case: changed, roles: result.value.roles }, { done: parsed.action.type });
    });

  const ref = (data: unknown) => caseRefSchema.safeParse(data);
  route(verbs.caseTake, (data) => {
    const p = ref(data);
    return p.success ? { ...p.data, action: { type: 'take' } } : undefined;
  });
  route(verbs.caseAsk, (data) => {
    const p = caseAskSchema.safeParse(data);
    if (!p.success) return undefined;
    const form: CaseForm = { verb: verbs.caseAsk, values: { question: p.data.question ?? '' }, errors: [] };
    return { caseId: p.data.caseId, version: p.data.version, action: askActionOf(p.data, deps.ids.newId()), form };
  });
  route(verbs.caseConsent, (data) => {
    const p = caseConsentSchema.safeParse(data);
    if (!p.success) return undefined;
    const values = {
      consentGivenBy: p.data.consentGivenBy ?? '',
      consentScope: p.data.consentScope ?? '',
      consentRecipients: p.data.consentRecipients ?? '',
      consentValidUntil: p.data.consentValidUntil ?? '',
      pupilAgeBand: p.data.pupilAgeBand ?? '',
    };
    const form: CaseForm = { verb: verbs.caseConsent, values, errors: [] };
    const ageBand = p.data.pupilAgeBand === undefined || p.data.pupilAgeBand === '' ? {} : { pupilAgeBand: p.data.pupilAgeBand };
    return { caseId: p.data.caseId, version: p.data.version, action: { type: 'record_consent', consent: consentOf(p.data), ...ageBand }, form };
  });
  route(verbs.caseWithdrawConsent, (data) => {
    const p = ref(data);
    return p.success ? { ...p.data, action: { type: 'withdraw_consent' } } : undefined;
  });
  route(verbs.caseLevel, (data) => {
    const p = caseLevelSchema.safeParse(data);
    return p.success ? { caseId: p.data.caseId, version: p.data.version, action: { type: 'change_level', level: p.data.level } } : undefined;
  });
  route(verbs.caseClose, (data) => {
    const p = caseCloseSchema.safeParse(data);
    if (!p.success) return undefined;
    const closing = closeActionOf(p.data);
    const form: CaseForm = { verb: verbs.caseClose, values: { outcome: p.data.outcome ?? '' }, errors: closing.ok ? [] : closing.errors };
    return closing.ok ? { ...p.data, action: closing.action, form } : { caseId: p.data.caseId, version: p.data.version, invalid: form };
  });
  route(verbs.caseHandOver, (data) => {
    const p = caseHandOverSchema.safeParse(data);
    if (!p.success) return undefined;
    const values = { handoverSummary: p.data.handoverSummary ?? '', handoverGround: p.data.handoverGround ?? '', handoverUrgent: p.data.handoverUrgent ?? 'false' };
    const form: CaseForm = { verb: verbs.caseHandOver, values, errors: [] };
    const ground = p.data.handoverGround;
    if (ground === undefined || ground === '')
      return { caseId: p.data.caseId, version: p.data.version, invalid: { ...form, errors: [{ field: 'handoverGround', code: 'required' }] } };
    const action = { type: 'hand_over' as const, summary: values.handoverSummary, legalGround: ground, urgent: values.handoverUrgent === 'true' };
    return { caseId: p.data.caseId, version: p.data.version, action, form };
  });
  route(verbs.caseFollowUp, (data) => {
    const p = caseFollowUpSchema.safeParse(data);
    if (!p.success) return undefined;
    const on = (p.data.followUpOn ?? '').trim();
    const form: CaseForm = { verb: verbs.caseFollowUp, values: { followUpOn: on }, errors: [] };
    if (!isCalendarDate(on)) return { caseId: p.data.caseId, version: p.data.version, invalid: { ...form, errors: [{ field: 'followUpOn', code: 'invalid' }] } };
    return { caseId: p.data.caseId, version: p.data.version, action: { type: 'set_follow_up', on }, form };
  });
  route(verbs.caseMerge, (data) => {
    const p = caseMergeSchema.safeParse(data);
    return p.success ? { caseId: p.data.caseId, version: p.data.version, action: { type: 'merge', intoCaseId: p.data.intoCaseId } } : undefined;
  });
}
