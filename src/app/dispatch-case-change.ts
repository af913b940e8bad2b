import { concernFeedbackRecipient, reporterStatusChange, type ReporterStatus } from '../domain/access/policy';
import { reportersOf, type Case, type NewCase } from '../domain/case/case';
import type { DomainEvent, DomainEventType } from '../domain/events';
import { findDistrict, findSstTeam, type Directory } from '../domain/routing/directory';
import { OutgoingMessages } from './outgoing-messages';
import type { Recipient } from './ports/addresses';
import type { DeliveryRecords } from './ports/deliveries';
import type { CaseMessage } from './ports/messenger';
import type { Outgoing, OutboxSignal } from './ports/outbox';
import type { Clock } from './ports/clock';
import { routeInputRequest } from './route-input-request';
import { routeToInbox } from './route-to-inbox';
import { routeToUnit, type RoutingDeps } from './route-to-unit';

/**
 * What happens after a change is decided here, and only here. A use case plans the follow-up of its change
 * with `planFollowUp` and stores the change and the planned messages together (the store's transactional
 * outbox, docs/delivery.md "Outbox"); after the write it calls `changeStored`, and the drainer sends them.
 * Feature handlers only render the answer (lint forbids them this module). `reactions` says, for every
 * event type, who is told and whether the case's cards are updated: a new event type does not compile until
 * it has a line there.
 */

export interface FollowUpDeps extends RoutingDeps {
  store: RoutingDeps['store'] & Pick<DeliveryRecords, 'listDeliveriesForCase'>;
  clock: Clock;
  /** Wakes the outbox's drainer once a change and its messages are stored. */
  drainer: OutboxSignal;
}

/** A change a use case is about to store: the case as it will be stored, the events of the change. */
export interface CaseChange {
  case: Case;
  events: readonly DomainEvent[];
}

/**
 * The messages a change causes, to be stored with it (`createCase`/`updateCase` with `outgoing`). Reads the
 * address book and the case's delivery records; sends nothing. Each message is rendered from the case as it
 * is when it leaves the outbox, so planning is about who and what, never about how it looks.
 */
export async function planFollowUp(deps: Omit<FollowUpDeps, 'drainer'>, change: CaseChange): Promise<Outgoing> {
  const out = new OutgoingMessages();
  await followUp(deps, change, out);
  return { messages: out.list(), at: deps.clock.now() };
}

/**
 * A new case's follow-up is planned before the store assigns its reference and version 1: planning reads who
 * and what, never the reference (each message is rendered from the stored case when it leaves).
 */
export function planNewCase(deps: Omit<FollowUpDeps, 'drainer'>, newCase: NewCase, events: readonly DomainEvent[]): Promise<Outgoing> {
  return planFollowUp(deps, { case: { ...newCase, reference: '', version: 1 }, events });
}

/** The change and its messages are stored: let the drainer send them (now, on this instance). */
export function changeStored(deps: Pick<FollowUpDeps, 'drainer'>, outgoing: Outgoing): void {
  if (outgoing.messages.length > 0) deps.drainer.wake();
}

type Deps = Omit<FollowUpDeps, 'drainer' | 'clock'>;
type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

interface Reaction<T extends DomainEventType> {
  /** Who is told of the event, beyond the reporters' status messages (policy: reporterStatusChange). */
  tell: ((deps: Deps, c: Case, event: EventOf<T>, out: OutgoingMessages) => Promise<void> | void) | 'nobody';
  /**
   * `update`: every delivered case and handover card is updated in place afterwards. `just_sent`: the case's
   * cards are being sent for the first time by `tell`, so there is nothing to update yet.
   */
  cards: 'update' | 'just_sent';
}

const nobody = { tell: 'nobody', cards: 'update' } as const;

const reactions: { readonly [T in DomainEventType]: Reaction<T> } = {
  CaseSubmitted: { tell: (deps, c, _e, out) => routeToInbox(deps, c, out), cards: 'just_sent' },
  InputRequestOpened: { tell: (deps, c, _e, out) => routeInputRequest(deps, c, out), cards: 'update' },
  // A renewed consent changes nothing about who has the case; a first one lets it reach its inbox.
  ConsentRecorded: { tell: async (deps, c, e, out) => (e.renewed ? undefined : routeToInbox(deps, c, out)), cards: 'update' },
  ConsentWithdrawn: nobody,
  CaseTaken: nobody,
  ReporterAsked: {
    tell: (_deps, c, e, out) => {
      for (const recipient of reporters(c)) out.send(c, recipient, { what: 'question', questionId: e.questionId });
    },
    cards: 'update',
  },
  ReporterAnswered: { tell: (deps, c, e, out) => refreshQuestionCards(deps, c, 'question', e.questionId, out), cards: 'update' },
  SupportLevelChanged: nobody,
  CaseHandedOver: { tell: (deps, c, _e, out) => routeToUnit(deps, c, out), cards: 'update' },
  CaseClosed: nobody,
  CaseMerged: nobody,
  FollowUpSet: nobody,
  CheckInRecorded: nobody,
  SchoolStepsRecorded: nobody,
  HandoverAcknowledged: nobody,
  HandoverForwarded: { tell: (deps, c, _e, out) => routeToUnit(deps, c, out), cards: 'update' },
  HandoverOutcomeReported: nobody,
  HandoverClosed: nobody,
  InputRequested: {
    tell: (deps, c, e, out) => {
      for (const recipient of teamSide(c, deps.directory())) out.send(c, recipient, { what: 'input', questionId: e.questionId });
    },
    cards: 'update',
  },
  InputGiven: { tell: (deps, c, e, out) => refreshQuestionCards(deps, c, 'input', e.questionId, out), cards: 'update' },
  SstInvited: {
    tell: (_deps, c, e, out) => tellPeople(c, 'invitation', [e.sstWorkerId], out),
    cards: 'update',
  },
};

function reactionTo<T extends DomainEventType>(event: EventOf<T>): Reaction<T> {
  return reactions[event.type];
}

async function react<T extends DomainEventType>(deps: Deps, c: Case, event: EventOf<T>, out: OutgoingMessages): Promise<void> {
  const { tell } = reactionTo(event);
  if (tell !== 'nobody') await tell(deps, c, event, out);
}

/**
 * What people hear after a case changed: each event's own recipients (above), then the reporters get the
 * school side's process steps from the one policy (domain/access/reporter-status.ts: received, taken, closed,
 * merged; nothing of social services' work), a reporter who made a report of concern gets the feedback the
 * law allows once the unit records it, and every delivered card is updated in place. Safe to plan again:
 * every message has its own delivery key, and a card waiting in the outbox is replaced by the newer one.
 */
async function followUp(deps: Deps, change: CaseChange, out: OutgoingMessages): Promise<void> {
  const c = change.case;
  for (const event of change.events) await react(deps, c, event, out);
  const status = reporterStatusChange(c, change.events);
  const message = status === undefined ? undefined : messageFor[status];
  if (message !== undefined) tellPeople(c, message, reportersOf(c), out);
  const feedbackTo = concernFeedbackRecipient(c, change.events);
  if (feedbackTo !== undefined) tellPeople(c, 'concern_feedback', [feedbackTo], out);
  if (change.events.every((e) => reactionTo(e).cards === 'update')) await refreshCaseCards(deps, c, out);
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

function tellPeople(c: Case, status: Status, people: readonly string[], out: OutgoingMessages): void {
  for (const userId of people) out.send(c, { kind: 'person', tenantId: c.tenantId, userId }, { what: 'status', status });
}

/**
 * Every delivered case and handover card of the case, again: the drainer updates each in place with the case
 * as it is then (each person's own view comes through the card's refresh).
 */
async function refreshCaseCards(deps: Deps, c: Case, out: OutgoingMessages): Promise<void> {
  for (const d of await deps.store.listDeliveriesForCase(c.id)) {
    if (d.status === 'delivered' && (d.purpose === 'case_card' || d.purpose === 'handover_card')) out.again(c, d);
  }
}

/** The question (or input request) card of `questionId`, in every chat it reached, shows the answer now. */
async function refreshQuestionCards(deps: Deps, c: Case, kind: 'question' | 'input', questionId: string, out: OutgoingMessages): Promise<void> {
  for (const d of await deps.store.listDeliveriesForCase(c.id)) {
    if (d.status === 'delivered' && d.subject.what === kind && d.subject.questionId === questionId) out.again(c, d);
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
