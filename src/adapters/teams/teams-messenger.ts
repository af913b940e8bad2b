import type { CaseMessage, CaseStatusMessage, DeliveryOutcome, Messenger } from '../../app/ports/messenger';
import type { DeliveryAddress, Recipient } from '../../app/ports/addresses';
import { assigneeRoleOf, concernFeedbackFor } from '../../domain/access/policy';
import type { Case } from '../../domain/case/case';
import type { HandoverDeadlines } from '../../domain/handover/deadlines';
import { findInvestigationUnit, findSstTeam, type Directory } from '../../domain/routing/directory';
import type { Clock } from '../../app/ports/clock';
import { statusMessageText } from './cards/views/case-notices';
import { caseCardSummary, handoverSummary, inputRequestSummary, questionSummary } from './cards/views/notification-summary';
import { schoolName } from './cards/views/routing-summary';
import { renderCaseCard, renderCheckInCard, renderHandoverCard, renderInputRequestCard, renderQuestionCard, renderReminderCard } from './cards/render';
import { checkInSummary } from './cards/views/check-in-card';
import { reminderSummary } from './cards/views/reminder-card';
import { refreshUserIds } from './cards/views/case-card';
import { handoverRefreshUserIds } from './cards/views/handover-card';
import { addressOfPerson, parseTeamsAddress } from './delivery/teams-address';
import type { TeamsMember, TeamsUserIds } from './teams-user-ids';
import type { OutboundActivity, TeamsNotifier } from './delivery/teams-notifier';
import { catalogue, fill, langFromLocale, type Lang } from './i18n/i18n';
import { cardActivity } from './delivery/card-activity';
import { BoundedCache } from './bounded-cache';

export interface TeamsMessengerDeps {
  notifier: Pick<TeamsNotifier, 'deliver' | 'update' | 'members'>;
  /** Entra object id → Teams user id (MRI), for the `refresh.userIds` of the cards with user-specific views. */
  userIds: TeamsUserIds;
  directory: () => Directory;
  clock: Clock;
  /**
   * The Bot Connector URL for a tenant, to create a personal chat with someone the bot has not talked to
   * yet; undefined when none is known (then the message waits for a retry).
   */
  serviceUrlFor: (tenantId: string) => string | undefined;
  /** The deadlines a handover card shows (the calendar lives in the Teams adapter's deps). */
  deadlines: (c: Case) => HandoverDeadlines | undefined;
}

/**
 * The Messenger port on Teams: turns case intents into cards in the recipient's language (from the locale
 * the stored address carries; Swedish when unknown), and hands them to the delivery engine. The text Teams
 * shows in notifications (`summary`) carries only the reference, the school and the urgency.
 */
export class TeamsMessenger implements Messenger {
  /** When each conversation's roster was last read (ms), so that unknown people cost one roster read an hour at most. */
  private readonly rosterReadAt = new Map<string, number>();
  /**
   * The base case cards rendered last, by what the card is made of (see `caseCardKey`): a team's members and its
   * inbox get the same base card of one version of a case, so it is rendered once, not once per chat.
   */
  private readonly caseCards = new BoundedCache<{ directory: Directory; activity: OutboundActivity }>(caseCardsKept);

  constructor(private readonly deps: TeamsMessengerDeps) {}

  async send(recipient: Recipient, address: DeliveryAddress | undefined, message: CaseMessage, key: string): Promise<DeliveryOutcome> {
    const serviceUrl = recipient.kind === 'person' ? this.deps.serviceUrlFor(recipient.tenantId) : undefined;
    const target =
      address ??
      (recipient.kind === 'person' && serviceUrl !== undefined
        ? addressOfPerson({ userId: recipient.userId, tenantId: recipient.tenantId, serviceUrl })
        : undefined);
    if (target === undefined) return { status: 'failed', attempts: 0, lastStatus: 'no_response' };
    const outcome = await this.deps.notifier.deliver(target, await this.render(message, target), key);
    // A chat the bot just created: its roster tells the person's MRI, for the refresh of the next card.
    if (outcome.status === 'delivered' && outcome.newAddress !== undefined) await this.learnRoster(outcome.newAddress);
    return outcome;
  }

  async update(address: DeliveryAddress, messageId: string, message: CaseMessage, key: string): Promise<DeliveryOutcome> {
    return this.deps.notifier.update(address, messageId, await this.render(message, address), key);
  }

  /**
   * The MRIs of the people who get their own view of a card in this conversation. People whose MRI is not
   * known yet are looked up in the conversation's roster (a channel's is its team's), once an hour at most;
   * anyone still unknown sees the base card and gets their view with its "Öppna" button.
   */
  private async audienceMris(target: DeliveryAddress, entraIds: readonly string[]): Promise<string[]> {
    const { tenantId } = parseTeamsAddress(target);
    const known = await this.deps.userIds.mrisOf(tenantId, entraIds);
    if (known.length === entraIds.length || !this.isRosterDue(target)) return known;
    await this.learnRoster(target);
    return this.deps.userIds.mrisOf(tenantId, entraIds);
  }

  private isRosterDue(target: DeliveryAddress): boolean {
    const parsed = parseTeamsAddress(target);
    if (parsed.kind !== 'conversation') return false;
    const last = this.rosterReadAt.get(parsed.conversationId);
    return last === undefined || Date.parse(this.deps.clock.now()) - last >= rosterReadInterval;
  }

  private async learnRoster(address: DeliveryAddress): Promise<void> {
    const parsed = parseTeamsAddress(address);
    if (parsed.kind !== 'conversation') return;
    this.rosterReadAt.set(parsed.conversationId, Date.parse(this.deps.clock.now()));
    const members: TeamsMember[] | undefined = await this.deps.notifier.members(address);
    if (members !== undefined) await this.deps.userIds.rememberAll(parsed.tenantId, members);
  }

  private async render(message: CaseMessage, target: DeliveryAddress): Promise<OutboundActivity> {
    const lang = langOf(target);
    const directory = this.deps.directory();
    const c = message.case;
    switch (message.kind) {
      case 'case_card': {
        const audienceMris = await this.audienceMris(target, refreshUserIds(c, directory));
        const now = this.deps.clock.now();
        const key = caseCardKey(c, lang, this.deps.clock.toLocal(now).date, audienceMris);
        const rendered = this.caseCards.get(key);
        // Each chat gets its own copy: whatever sends it may add to the activity it is given.
        if (rendered?.directory === directory) return structuredClone(rendered.activity);
        const card = renderCaseCard({ lang, clock: this.deps.clock, directory, case: c, audienceMris, duplicates: [], undelivered: [], now });
        const activity = cardActivity(card, caseCardSummary(lang, directory, c));
        this.caseCards.set(key, { directory, activity });
        return structuredClone(activity);
      }
      case 'question': {
        const answered = (c.questions ?? []).some((q) => q.id === message.questionId && q.answer !== undefined);
        const card = renderQuestionCard({ lang, clock: this.deps.clock, directory, case: c, questionId: message.questionId, answered });
        return cardActivity(card, questionSummary(lang, directory, c));
      }
      case 'status': {
        const team = c.routing.sstTeamId === undefined ? undefined : findSstTeam(directory, c.routing.sstTeamId);
        const unit = c.handover === undefined ? undefined : findInvestigationUnit(directory, c.handover.unitId);
        const feedback = concernFeedbackFor(c, c.reporterId);
        const text = statusMessageText(lang, statusKey[message.status], {
          reference: c.reference,
          school: schoolName(c, directory),
          team: team?.name ?? schoolName(c, directory),
          unit: unit?.name ?? '',
          outcome: feedback === undefined ? '' : catalogue(lang).reporterFeedback[feedback],
          takenBy: catalogue(lang).takenBy[assigneeRoleOf(c, directory) ?? 'unknown'],
        });
        // The notification preview shows on lock screens: social services' feedback stays inside the message.
        const summary = message.status === 'concern_feedback' ? fill(lang, catalogue(lang).reporterFeedback.summary, { reference: c.reference }) : text;
        return { type: 'message', text, summary };
      }
      case 'handover_card': {
        const deadlines = this.deps.deadlines(c);
        const audienceMris = await this.audienceMris(target, handoverRefreshUserIds(c, directory));
        const card = renderHandoverCard({ lang, clock: this.deps.clock, directory, case: c, audienceMris, now: this.deps.clock.now(), ...(deadlines ? { deadlines } : {}) });
        return cardActivity(card, handoverSummary(lang, directory, c));
      }
      case 'input_request': {
        const answered = (c.handover?.inputRequests ?? []).some((q) => q.id === message.questionId && q.answer !== undefined);
        const card = renderInputRequestCard({ lang, clock: this.deps.clock, directory, case: c, questionId: message.questionId, answered });
        return cardActivity(card, inputRequestSummary(lang, directory, c));
      }
      case 'reminder': {
        // The reporter's follow-up reminder is the check-in itself: the figures are asked for on the card.
        if (message.reminder.kind === 'follow_up' && message.reminder.recipient.kind === 'case_reporters')
          return cardActivity(renderCheckInCard({ lang, directory, case: c }), checkInSummary(lang, directory, c));
        const card = renderReminderCard({ lang, clock: this.deps.clock, directory, case: c, reminder: message.reminder });
        return cardActivity(card, reminderSummary(lang, directory, c));
      }
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }
}

/** Base case cards kept rendered: a few seconds' worth of a burst's distinct cards. */
const caseCardsKept = 256;

/**
 * Everything a base case card is made of besides the directory (compared by identity, so a reloaded directory
 * renders anew): the case as stored (a stored case changes only with its version), the language, the Stockholm
 * date (no base card shows one yet; a card that did would stay right past midnight) and the people who get their
 * own view. Nothing of the recipient beyond their language is in a base card.
 */
function caseCardKey(c: Case, lang: Lang, today: string, audienceMris: readonly string[]): string {
  return JSON.stringify([c.id, c.version, lang, today, audienceMris]);
}

/** How often a conversation's roster may be read again to find people whose MRI is still unknown. */
const rosterReadInterval = 60 * 60_000;

const statusKey = {
  received: 'received',
  taken: 'taken',
  closed: 'closed',
  merged: 'merged',
  consent_recorded: 'consentRecorded',
  concern_feedback: 'concernFeedback',
  invitation: 'invitation',
} as const satisfies Record<CaseStatusMessage, string>;

function langOf(address: DeliveryAddress): Lang {
  const parsed = parseTeamsAddress(address);
  return langFromLocale(parsed.locale);
}
