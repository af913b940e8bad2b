import { actOnCase, type ActOnCaseDone, type CaseCommand } from '../../src/app/act-on-case';
import { actOnHandover } from '../../src/app/act-on-handover';
import { personAddressKey, recipientKey } from '../../src/app/ports/addresses';
import type { CaseDelivery } from '../../src/app/ports/deliveries';
import type { CaseStatusMessage } from '../../src/app/ports/messenger';
import { registerTeamInbox } from '../../src/app/register-team-inbox';
import { submitReport } from '../../src/app/submit-report';
import { FollowUpPlanner } from '../../src/app/follow-up-planner';
import { systemDrainTimer } from '../../src/adapters/clock/system-drain-timer';
import type { CalendarRules } from '../../src/domain/calendar/calendar-rules';
import type { Actor, Case } from '../../src/domain/case/case';
import type { HandoverAction } from '../../src/domain/handover/handover-lifecycle';
import type { ReportDraft } from '../../src/domain/report/report';
import type { Directory } from '../../src/domain/routing/directory';
import { stockholmCalendar } from '../unit/calendar/stockholm-calendar';
import { testDirectory } from './a-case';
import { FixedClock } from './fixed-clock';
import { InMemoryCaseStore } from './in-memory-case-store';
import { QueuedBackgroundWork } from './queued-background-work';
import { RecordingMessenger } from './recording-messenger';
import { caseMessageDrainer } from './case-message-drainer';

export const tenantId = 'tenant-1';

/** Built once: the holiday library takes tens of milliseconds per build, and the rules never change. */
let calendar: CalendarRules | undefined;
const sharedCalendar = (): CalendarRules => (calendar ??= stockholmCalendar());

/** The address-book key of a person's chat with the bot: how the messenger names who a message went to. */
export const person = (userId: string): string => personAddressKey(tenantId, userId);
export const inbox = (teamId: string): string => recipientKey({ kind: 'team_inbox', teamId });

/**
 * The use cases wired to in-memory ports (store, fixed clock, counting ids, recording messenger), with the
 * follow-up work the dispatcher schedules run to completion after every step, as the real bot does after a
 * turn has answered. No HTTP, no Teams: a journey runs in milliseconds. What people would notice is read back
 * from the messenger (what reached whom) and the store (the case, its deliveries, its audit trail).
 */
export function useCaseWorld(options: { directory?: Directory; now?: string } = {}) {
  let ids = 0;
  const store = new InMemoryCaseStore();
  const clock = new FixedClock(options.now ?? '2026-11-24T10:00:00.000Z');
  const messenger = new RecordingMessenger();
  const background = new QueuedBackgroundWork();
  const directory = options.directory ?? testDirectory;
  const drainer = caseMessageDrainer({ store, messenger, clock, directory: () => directory });
  const deps = {
    store,
    clock,
    directory: () => directory,
    calendar: sharedCalendar,
    ids: { newId: () => `id-${(ids += 1)}` },
    messenger,
    background,
    drainer,
  };
  /**
   * What the bot does after a turn: background work, the follow-up planner's work (a new case's first messages
   * and reminders, app/follow-up-planner.ts), then the outbox sends what was queued.
   */
  const settle = async () => {
    await background.runAll();
    await new FollowUpPlanner({ ...deps, timer: systemDrainTimer, quietIn: () => 0, onError: (error) => { throw error; } }).idle();
    await drainer.idle();
  };
  const actor = (userId: string): Actor => ({ tenantId, userId, locale: 'sv-SE' });
  let forms = 0;

  async function current(caseId: string): Promise<Case> {
    const c = await store.getCase(caseId);
    if (!c) throw new Error(`case ${caseId} vanished from the store`);
    return c;
  }

  /** Fails the test with the refusal's code: a journey step that should pass and did not has found a bug. */
  function stored(result: Awaited<ReturnType<typeof actOnCase>>): ActOnCaseDone {
    if (!result.ok) throw new Error(`refused: ${result.error.code}`);
    return result.value;
  }

  return {
    deps,
    store,
    clock,
    messenger,
    background,
    drainer,
    settle,
    actor,

    /** `userId` submits a report form (a new form each time unless `formId` is given); its follow-up has run. */
    async submit(userId: string, draft: ReportDraft, formId = `form-${(forms += 1)}`) {
      const result = await submitReport(deps, { actor: actor(userId), formId, draft });
      await settle();
      if (!result.ok) throw new Error(`report refused: ${result.error.code}`);
      return result.value;
    },

    /** `userId` presses a case action on the card of the case as stored now; its follow-up has run. */
    async tryAct(userId: string, caseId: string, action: CaseCommand) {
      const result = await actOnCase(deps, { actor: actor(userId), caseId, seenVersion: (await current(caseId)).version, action });
      await settle();
      return result;
    },
    async act(userId: string, caseId: string, action: CaseCommand): Promise<Case> {
      return stored(await this.tryAct(userId, caseId, action)).case;
    },

    /** `userId` presses a handover action on the handover card of the case as stored now; its follow-up has run. */
    async tryActOnHandover(userId: string, caseId: string, action: HandoverAction) {
      const result = await actOnHandover(deps, { actor: actor(userId), caseId, seenVersion: (await current(caseId)).version, action });
      await settle();
      return result;
    },
    async actOnHandover(userId: string, caseId: string, action: HandoverAction): Promise<Case> {
      return stored(await this.tryActOnHandover(userId, caseId, action)).case;
    },

    /** A coordinator (or unit manager) makes a channel the inbox of `teamId`, as `registrera` does. */
    async linkInbox(teamId: string, adminId: string): Promise<void> {
      const linked = await registerTeamInbox(deps, { actor: actor(adminId), teamId, inChannel: true, address: { transport: 'test', value: inbox(teamId) } });
      if (!linked.ok) throw new Error(`inbox not linked: ${linked.error.code}`);
    },

    current,

    /** Everyone a message of `kind` about the case was sent to (recipient keys, sorted, repeats kept). */
    sentAbout(c: Case, kind: string): string[] {
      return messenger.sent
        .filter((s) => s.kind === kind && s.key.startsWith(`case:${c.id}:`))
        .map((s) => s.to)
        .sort();
    },

    /** The status messages one recipient got about the case, in order. */
    statusesTo(recipient: string, c: Case): CaseStatusMessage[] {
      return messenger.statuses.filter((s) => s.to === recipient && s.caseId === c.id).map((s) => s.status);
    },

    /** Who saw a card of the case updated in place since `since` updates (recipient keys, sorted, once each). */
    updatedSince(since: number, kind: string): string[] {
      return [...new Set(messenger.updated.slice(since).filter((u) => u.kind === kind).map((u) => u.to))].sort();
    },

    /** The case's delivery records of one purpose. */
    async deliveries(c: Case, purpose: CaseDelivery['purpose']): Promise<CaseDelivery[]> {
      return (await store.listDeliveriesForCase(c.id)).filter((d) => d.purpose === purpose);
    },

    /** The audit trail's actions by one person about the case. */
    async auditedFor(c: Case, userId: string): Promise<string[]> {
      return (await store.listAudit({ caseId: c.id })).filter((e) => e.actorId === userId).map((e) => e.action);
    },
  };
}

export type UseCaseWorld = ReturnType<typeof useCaseWorld>;
