import type { CaseStore } from '../../app/ports/case-store';
import type { Clock } from '../../app/ports/clock';
import { BoundedCache } from './bounded-cache';

/** A conversation member as the Bot Connector lists it: the Teams user id (MRI) and the Entra object id. */
export interface TeamsMember {
  mri: string;
  entraId: string;
}

const transport = 'msteams-user';
const keyOf = (tenantId: string, entraId: string): string => `teams-user:${tenantId}:${entraId}`;
/** Remembered ids kept in memory, most recently used last; past this many the oldest are dropped (the store keeps them). */
const maxCached = 5_000;

/**
 * Maps Entra object ids (what the routing directory and authorization use) to Teams user ids (MRIs, the
 * `29:…` ids of conversation rosters), which is what Teams matches a card's `refresh.userIds` against
 * (Universal Actions, "User Specific Views"). MRIs cannot be derived from Entra ids: they are learned from
 * every activity a person sends (`from.id` with `from.aadObjectId`) and from conversation rosters (the
 * members API), and kept in the store's address book, so that they survive restarts and reach every instance.
 */
export class TeamsUserIds {
  private readonly cache = new BoundedCache<string>(maxCached);

  constructor(private readonly deps: { store: Pick<CaseStore, 'getAddress' | 'saveAddress'>; clock: Clock }) {}

  /** Remembers one person's MRI; writes only when it is new or changed. */
  async remember(tenantId: string, member: TeamsMember): Promise<void> {
    if (!member.mri.startsWith('29:') || member.entraId === '') return;
    const key = keyOf(tenantId, member.entraId);
    if (this.cached(key) === member.mri) return;
    const stored = await this.deps.store.getAddress(key);
    if (stored?.address.transport !== transport || stored.address.value !== member.mri)
      await this.deps.store.saveAddress(key, { transport, value: member.mri }, this.deps.clock.now());
    this.keep(key, member.mri);
  }

  async rememberAll(tenantId: string, members: readonly TeamsMember[]): Promise<void> {
    for (const member of members) await this.remember(tenantId, member);
  }

  /** The MRIs of these people, in the same order, leaving out anyone whose MRI has not been learned yet. */
  async mrisOf(tenantId: string, entraIds: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (const entraId of entraIds) {
      const mri = await this.mriOf(tenantId, entraId);
      if (mri !== undefined) found.push(mri);
    }
    return found;
  }

  private async mriOf(tenantId: string, entraId: string): Promise<string | undefined> {
    const key = keyOf(tenantId, entraId);
    const cached = this.cached(key);
    if (cached !== undefined) return cached;
    const stored = await this.deps.store.getAddress(key);
    if (stored?.address.transport !== transport) return undefined;
    this.keep(key, stored.address.value);
    return stored.address.value;
  }

  private cached(key: string): string | undefined {
    return this.cache.get(key);
  }

  private keep(key: string, mri: string): void {
    this.cache.set(key, mri);
  }
}
