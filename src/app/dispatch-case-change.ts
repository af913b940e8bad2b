import { concernFeedbackRecipient, reporterStatusChange, type ReporterStatus } from '../domain/access/policy';
import { reportersOf, type Case } from '../domain/case/case';
import type { DomainEvent, DomainEventType } from '../domain/events';
import { findDistrict, findSstTeam, type Directory } from '../domain/routing/directory';
import { deliverCaseMessage, refreshCaseCards, type DeliveryDeps } from './deliver-case-message';
import type { BackgroundWork } from './ports/background-work';
import type { CaseMessage } from './ports/messenger';
import type { Recipient } from './ports/addresses';
import { routeInputRequest } from './route-input-request';
import { routeToInbox } from './route-to-inbox';
import { routeToUnit } from './route-to-unit';

/**
 * What happens after a change is decided here, and only here. A use case that stored a change (a submission, a
 * case or handover action) hands its events to `dispatchCaseChange`, the one place that schedules follow-up
 * work; feature handlers only render the answer (lint forbids them this module and `background.run`).
 * `reactions` says, for every event type, who is told and whether the case's cards are updated: a new event
 * type does not compile until it has a line there.
 */

export type FollowUpDeps = DeliveryDeps & { directory: () => Directory; background: BackgroundWork };

/** A change a use case stored: the case as stored now, the events of the change, for a merge the survivor. */
export interface CaseChange {
  case: Case;
  events: readonly DomainEvent[];
  mergedInto?: Case;
}

/** Schedules the follow-up of one stored change after the turn has answered (Teams waits a few seconds at most). */
export function dispatchCaseChange(deps: FollowUpDeps, change: CaseChange): void {
  deps.background.run('case.follow_up', () => followUp(deps, change));
}

type Deps = Omit<FollowUpDeps, 'background'>;
type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

interface Reaction<T extends DomainEventType> {
  /** Who is told of the event, beyond the reporters' status messages (policy: reporterStatusChange). */
  tell: ((deps: Deps, c: Case, event: EventOf<T>) => Promise<void>) | 'nobody';
  /**
   * `update`: every delivered case and handover card is updated in place afterwards. `just_sent`: the case's
   * cards are being sent for the first time by `tell`, so there is nothing to update yet.
   */
  cards: 'update' | 'just_sent';
}

const nobody = { tell: 'nobody', cards: 'update' } as const;

const reactions: { readonly [T in DomainEventType]: Reaction<T> } = {
  CaseSubmitted: { tell: (deps, c) => routeToInbox(deps, c), cards: 'just_sent' },
  InputRequestOpened: { tell: (deps, c) => routeInputRequest(deps, c), cards: 'update' },
  // A renewed consent changes nothing about who has the case; a first one lets it reach its inbox.
  ConsentRecorded: { tell: async (deps, c, e) => (e.renewed ? undefined : routeToInbox(deps, c)), cards: 'update' },
  ConsentWithdrawn: nobody,
  CaseTaken: nobody,
  ReporterAsked: {
    tell: async (deps, c, e) => {
      for (const recipient of reporters(c))
        await deliverCaseMessage(deps, { case: c, recipient, subject: { what: 'question', questionId: e.questionId }, message: { kind: 'question', case: c, questionId: e.questionId } });
    },
    cards: 'update',
  },
  ReporterAnswered: { tell: (deps, c, e) => refreshQuestionCards(deps, c, 'question', e.questionId), cards: 'update' },
  SupportLevelChanged: nobody,
  CaseHandedOver: { tell: (deps, c) => routeToUnit(deps, c), cards: 'update' },
  CaseClosed: nobody,
  CaseMerged: nobody,
  FollowUpSet: nobody,
  CheckInRecorded: nobody,
  SchoolStepsRecorded: nobody,
  HandoverAcknowledged: nobody,
  HandoverForwarded: { tell: (deps, c) => routeToUnit(deps, c), cards: 'update' },
  HandoverOutcomeReported: nobody,
  HandoverClosed: nobody,
  InputRequested: {
    tell: async (deps, c, e) => {
      for (const recipient of teamSide(c, deps.directory()))
        await deliverCaseMessage(deps, { case: c, recipient, subject: { what: 'input', questionId: e.questionId }, message: { kind: 'input_request', case: c, questionId: e.questionId } });
    },
    cards: 'update',
  },
  InputGiven: { tell: (deps, c, e) => refreshQuestionCards(deps, c, 'input', e.questionId), cards: 'update' },
  SstInvited: {
    tell: (deps, c, e) => tellPeople(deps, c, 'invitation', [e.sstWorkerId]),
    cards: 'update',
  },
};

function reactionTo<T extends DomainEventType>(event: EventOf<T>): Reaction<T> {
  return reactions[event.type];
}

async function react<T extends DomainEventType>(deps: Deps, c: Case, event: EventOf<T>): Promise<void> {
  const { tell } = reactionTo(event);
  if (tell !== 'nobody') await tell(deps, c, event);
}

/**
 * What people hear after a case changed: each event's own recipients (above), then the reporters get the
 * school side's process steps from the one policy (domain/access/reporter-status.ts: received, taken, closed,
 * merged; nothing of social services' work), a reporter who made a report of concern gets the feedback the
 * law allows once the unit records it, and every delivered card is updated in place. For a merge the
 * survivor's cards are updated too. Safe to run again: every message has its own delivery key.
 */
export async function followUp(deps: Deps, change: CaseChange): Promise<void> {
  const c = change.case;
  for (const event of change.events) await react(deps, c, event);
  const status = reporterStatusChange(c, change.events);
  const message = status === undefined ? undefined : messageFor[status];
  if (message !== undefined) await tellPeople(deps, c, message, reportersOf(c));
  const feedbackTo = concernFeedbackRecipient(c, change.events);
  if (feedbackTo !== undefined) await tellPeople(deps, c, 'concern_feedback', [feedbackTo]);
  if (change.events.every((e) => reactionTo(e).cards === 'update')) await refreshCaseCards(deps, c);
  if (change.mergedInto) await followUp(deps, { case: change.mergedInto, events: [] });
}

type Status = Extract<CaseMessage, { kind: 'status' }>['status'];

/** The message that tells a reporter their case reached a status; none for a report still awaiting consent. */
const messageFor: { readonly [S in ReporterStatus]: Status | undefined } = {
  awaiting_consent: undefined,
  received: 'received',
  in_progress: 'taken',
  closed: 'closed',
  merged: 'merged',
};

const reporters = (c: Case): Recipient[] => reportersOf(c).map((userId) => ({ kind: 'person', tenantId: c.tenantId, userId }));

async function tellPeople(deps: Deps, c: Case, status: Status, people: readonly string[]): Promise<void> {
  for (const recipient of people.map((userId): Recipient => ({ kind: 'person', tenantId: c.tenantId, userId }))) {
    await deliverCaseMessage(deps, { case: c, recipient, subject: { what: 'status', status }, message: { kind: 'status', case: c, status } });
  }
}

/** The question (or input request) card of `questionId`, in every chat it reached, shows the answer now. */
async function refreshQuestionCards(deps: Deps, c: Case, kind: 'question' | 'input', questionId: string): Promise<void> {
  for (const d of await deps.store.listDeliveriesForCase(c.id)) {
    if (d.subject.what !== kind || d.subject.questionId !== questionId || d.address === undefined || d.messageId === undefined) continue;
    const message: CaseMessage = kind === 'question' ? { kind: 'question', case: c, questionId } : { kind: 'input_request', case: c, questionId };
    await deps.messenger.update(d.address, d.messageId, message, `${d.key}:answered`);
  }
}

/** Who answers the unit's requests for input: the team member who has the case, else the team's coordinators. */
function teamSide(c: Case, dir: Directory): Recipient[] {
  if (c.assigneeId !== undefined) return [{ kind: 'person', tenantId: c.tenantId, userId: c.assigneeId }];
  const team = c.routing.sstTeamId === undefined ? undefined : findSstTeam(dir, c.routing.sstTeamId);
  const district = findDistrict(dir, c.routing.fallbackDistrictCode ?? c.routing.schoolDistrictCode);
  const people = team ? team.coordinators.map((p) => p.id) : district ? [district.fallbackContact.id] : [];
  return people.map((userId) => ({ kind: 'person', tenantId: c.tenantId, userId }));
}
