import type { AuditEntry, AuditLog } from './ports/audit';
import type { CaseStore } from './ports/case-store';
import type { Clock } from './ports/clock';

/**
 * Refusals (a foreign tenant, a stranger's command or card, a forged payload) are evidence, but anyone can
 * cause them as fast as they can send requests, and the audit is append-only. So a refusal is written once
 * per window and kind: the first occurrence as it is, and when the window closes, one summary row with how
 * often it happened since (`detail.repeated`, `detail.lastAt`). Every other entry is written as it comes.
 */
export interface RefusalAuditOptions {
  /** How long one row stands for all repeats of the same refusal. */
  windowMs: number;
  /** Open windows kept in memory at most; beyond it, new kinds share one window per action (`actorId` '*'). */
  maxOpenWindows: number;
}

interface OpenWindow {
  first: AuditEntry;
  endsAt: number;
  repeated: number;
  lastAt: string;
}

/** True for entries that record a refusal: `*.refused`, `*_refused`, or a `refused` outcome. */
export function isRefusal(entry: AuditEntry): boolean {
  return /[._]refused$/.test(entry.action) || entry.detail?.outcome === 'refused';
}

/**
 * One kind of refusal: the same action by the same actor for the same reason (and case, so that the trail
 * still says which cases someone tried to reach; there are only as many of those as there are cases).
 */
function kindOf(entry: AuditEntry): string {
  const d = entry.detail ?? {};
  return JSON.stringify([entry.action, entry.actorId, entry.caseId ?? '', d.reason ?? '', d.tenantId ?? '', d.outcome ?? '']);
}

export class RefusalAuditWindows {
  // Insertion order is opening order, and windows have one length: the first ones close first.
  private readonly open = new Map<string, OpenWindow>();

  constructor(
    private readonly store: Pick<AuditLog, 'appendAudit'>,
    private readonly clock: Clock,
    private readonly options: RefusalAuditOptions,
  ) {}

  /** Writes `entry`, or counts it when the same refusal already has an open window. */
  async append(entry: AuditEntry): Promise<void> {
    await this.flushExpired();
    if (!isRefusal(entry)) return this.store.appendAudit(entry);
    const own = kindOf(entry);
    const overflow = !this.open.has(own) && this.open.size >= this.options.maxOpenWindows;
    const kind = overflow ? JSON.stringify(['*', entry.action]) : own;
    const window = this.open.get(kind);
    if (window) {
      window.repeated += 1;
      window.lastAt = entry.at;
      return;
    }
    const first = overflow ? { ...entry, actorId: '*', detail: { ...entry.detail, overflow: 'true' } } : entry;
    // Registered before the write, so that a concurrent repeat is counted rather than written.
    this.open.set(kind, { first, endsAt: Date.parse(this.clock.now()) + this.options.windowMs, repeated: 0, lastAt: entry.at });
    await this.store.appendAudit(first);
  }

  /** Closes the windows whose time is up, writing a summary row for each that saw repeats. */
  async flushExpired(): Promise<void> {
    const now = Date.parse(this.clock.now());
    for (const [kind, window] of this.open) {
      if (window.endsAt > now) break;
      this.open.delete(kind);
      await this.writeSummary(window);
    }
  }

  /** Closes every window now (shutdown): no counted repeat is lost. */
  async flushAll(): Promise<void> {
    const windows = [...this.open.values()];
    this.open.clear();
    for (const window of windows) await this.writeSummary(window);
  }

  private async writeSummary(window: OpenWindow): Promise<void> {
    if (window.repeated === 0) return;
    const { first } = window;
    await this.store.appendAudit({ ...first, at: window.lastAt, detail: { ...first.detail, repeated: String(window.repeated), firstAt: first.at, lastAt: window.lastAt } });
  }
}

/**
 * The store as the bot uses it: every method as is, except that audit entries go through `windows`. The
 * store's own `appendAudit` stays the raw, unbounded write for code that must record every entry.
 */
export function withBoundedRefusals(store: CaseStore, windows: RefusalAuditWindows): CaseStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendAudit') return (entry: AuditEntry) => windows.append(entry);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
