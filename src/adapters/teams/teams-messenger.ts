import type { CaseMessage, DeliveryAddress, DeliveryOutcome, Messenger, Recipient } from '../../app/ports';
import type { Directory } from '../../domain/routing/directory';
import { findSchool } from '../../domain/routing/directory';
import type { Clock } from '../../app/ports';
import { renderCaseCard, renderQuestionCard } from './cards/render';
import { addressOfPerson, parseTeamsAddress } from './delivery/teams-address';
import type { OutboundActivity, TeamsNotifier } from './delivery/teams-notifier';
import { catalogue, fill, langFromLocale, type Lang } from './i18n/i18n';
import { cardActivity } from './reply';

export interface TeamsMessengerDeps {
  notifier: Pick<TeamsNotifier, 'deliver' | 'update'>;
  directory: () => Directory;
  clock: Clock;
  /** The Bot Connector URL for a tenant, to create a personal chat with someone the bot has not talked to yet. */
  serviceUrlFor: (tenantId: string) => string;
}

/**
 * The Messenger port on Teams: turns case intents into cards in the recipient's language (from the locale
 * the stored address carries; Swedish when unknown), and hands them to the delivery engine. The text Teams
 * shows in notifications (`summary`) carries only the reference, the school and the urgency.
 */
export class TeamsMessenger implements Messenger {
  constructor(private readonly deps: TeamsMessengerDeps) {}

  send(recipient: Recipient, address: DeliveryAddress | undefined, message: CaseMessage, key: string): Promise<DeliveryOutcome> {
    const target =
      address ??
      (recipient.kind === 'person'
        ? addressOfPerson({ userId: recipient.userId, tenantId: recipient.tenantId, serviceUrl: this.deps.serviceUrlFor(recipient.tenantId) })
        : undefined);
    if (target === undefined) return Promise.resolve({ status: 'unreachable' });
    return this.deps.notifier.deliver(target, this.render(message, langOf(target)), key);
  }

  update(address: DeliveryAddress, messageId: string, message: CaseMessage, key: string): Promise<DeliveryOutcome> {
    return this.deps.notifier.update(address, messageId, this.render(message, langOf(address)), key);
  }

  private render(message: CaseMessage, lang: Lang): OutboundActivity {
    const directory = this.deps.directory();
    const c = message.case;
    const l = catalogue(lang);
    const school = findSchool(directory, c.schoolId)?.name ?? c.schoolId;
    const urgency = c.routing.urgent ? l.notifications.urgent : l.notifications.notUrgent;
    switch (message.kind) {
      case 'case_card': {
        const card = renderCaseCard({ lang, directory, case: c, duplicates: [], undelivered: [], now: this.deps.clock.now() });
        return cardActivity(card, fill(l.notifications.caseCardSummary, { reference: c.reference, school, urgency }));
      }
      case 'question': {
        const card = renderQuestionCard({
          lang,
          directory,
          case: c,
          questionId: message.questionId,
          answered: (c.questions ?? []).some((q) => q.id === message.questionId && q.answer !== undefined),
        });
        return cardActivity(card, fill(l.notifications.questionSummary, { reference: c.reference, school }));
      }
      case 'status': {
        const team = c.routing.sstTeamId === undefined ? undefined : directory.sstTeams.find((t) => t.id === c.routing.sstTeamId);
        const text = fill(l.statusMessages[statusKey[message.status]], { reference: c.reference, school, team: team?.name ?? school });
        return { type: 'message', text, summary: text };
      }
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }
}

const statusKey = { received: 'received', taken: 'taken', closed: 'closed', consent_recorded: 'consentRecorded' } as const;

function langOf(address: DeliveryAddress): Lang {
  const parsed = parseTeamsAddress(address);
  return langFromLocale(parsed.locale);
}
