import { mayRequestInput, openInputRequest, type FormMessage } from '../../../../app/open-input-request';
import { isStoredSubmission } from '../../../../app/submit-report';
import { rolesFor } from '../../../../domain/access/policy';
import type { BotDeps } from '../../bot-deps';
import { renderInputRequestForm, renderNotice } from '../../cards/render';
import { routedTo } from '../../cards/views/routing-summary';
import { verbs } from '../../cards/verbs';
import { commands } from '../../commands';
import { catalogue, fill } from '../../i18n/i18n';
import { viewerOf, type BotRoutes, type Turn } from '../../turn';
import { handoverCardFor } from '../handover/respond';
import { inputRequestPayloadSchema, readInputRequestPayload } from './schemas';

/**
 * `begär underlag` / `request input`: an investigator asks the school-social team of their district for input
 * about a pupil in an investigation opened outside the bot (city doc 004). The form turns into the exchange
 * card, which the team gets in its inbox and answers on.
 */
export function registerInputRequest(routes: BotRoutes, deps: BotDeps): void {
  routes.command(commands.requestInput, async ({ lang, actor }) => {
    if (!actor || !(await mayRequestInput(deps, actor))) return catalogue(lang).inputRequest.notInUnit;
    return renderInputRequestForm({ lang, directory: deps.directory(), viewerId: actor.userId, formId: deps.ids.newId() });
  });

  routes.cardAction(verbs.inputRequestSubmit, inputRequestPayloadSchema, async (turn, payload) => {
    const { lang, actor } = turn;
    const directory = deps.directory();
    const l = catalogue(lang).inputRequest;
    if (!actor || !(await mayRequestInput(deps, actor))) return renderNotice({ title: l.title, text: l.notInUnit });
    const form = (extra: Omit<Parameters<typeof renderInputRequestForm>[0], 'lang' | 'directory' | 'viewerId' | 'formId'> = {}, formId = deps.ids.newId()) =>
      renderInputRequestForm({ lang, directory, viewerId: actor.userId, formId, ...extra });
    if (payload === undefined) {
      deps.log.warn({ event: 'input_request.payload_malformed' });
      return form();
    }
    const parsed = readInputRequestPayload(payload);
    if (parsed.kind === 'invalid') return form({ values: parsed.values, errors: parsed.errors }, parsed.formId);
    const formMessage = formMessageOf(turn);
    const submit = () => openInputRequest(deps, { actor, formId: parsed.formId, draft: parsed.draft, ...(formMessage ? { formMessage } : {}) });
    const result = await deps.submissions.run(`${actor.tenantId}:${actor.userId}`, parsed.formId, submit, () => isStoredSubmission(deps, actor, parsed.formId));
    if (result === undefined) return form({ values: parsed.values, refusal: 'too_many_submissions' }, parsed.formId);
    if (!result.ok)
      return result.error.code === 'not_authorized'
        ? renderNotice({ title: l.title, text: l.notInUnit })
        : form({ values: parsed.values, errors: result.error.fields }, parsed.formId);
    const stored = result.value.case;
    deps.log.info({ event: 'input_request.opened', caseId: stored.id });
    const notice = { tone: 'good' as const, text: fill(lang, l.sent, { team: routedTo(stored, directory, lang) }) };
    return handoverCardFor(deps, lang, viewerOf(turn, actor), stored, rolesFor(actor.userId, stored, directory), { notice });
  });
}

/** The form's own message, when it is in the investigator's personal chat: it becomes the exchange card there. */
function formMessageOf(turn: Turn): FormMessage | undefined {
  const messageId = turn.replyToId;
  const address = turn.conversation.address();
  return turn.conversation.type !== 'personal' || messageId === undefined || address === undefined ? undefined : { address, messageId };
}
