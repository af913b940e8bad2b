import type { Actor, Case } from '../domain/case/case';
import type { Directory, District, SstTeam } from '../domain/routing/directory';
import type { AuditLog } from './ports/audit';
import type { CaseRecords } from './ports/cases';
import type { Clock } from './ports/clock';

export interface TeamQueue {
  team?: SstTeam;
  /** Set for a district's fallback queue (schools no team serves yet). */
  fallbackDistrict?: District;
  cases: Case[];
}

const queueLimit = 50;

/**
 * The open cases of every team the actor belongs to (member or coordinator), and of every district whose
 * fallback contact they are, oldest first. Empty for someone who is in no team. The read is audited.
 */
export async function listTeamQueues(deps: { store: CaseRecords & AuditLog; clock: Clock; directory: () => Directory }, actor: Actor): Promise<TeamQueue[]> {
  const dir = deps.directory();
  const inTeam = (t: SstTeam) => [...t.members, ...t.coordinators].some((p) => p.id === actor.userId);
  const queues: TeamQueue[] = [];
  for (const team of dir.sstTeams.filter(inTeam)) queues.push({ team, cases: await deps.store.listOpenCases({ teamId: team.id }, queueLimit) });
  for (const district of dir.districts.filter((d) => d.fallbackContact.id === actor.userId))
    queues.push({ fallbackDistrict: district, cases: await deps.store.listOpenCases({ fallbackDistrictCode: district.code }, queueLimit) });
  const visible = queues.map((q) => ({ ...q, cases: q.cases.filter((c) => c.tenantId === actor.tenantId) }));
  if (visible.length > 0)
    await deps.store.appendAudit({
      at: deps.clock.now(),
      actorId: actor.userId,
      action: 'team.queue_listed',
      detail: { count: String(visible.reduce((n, q) => n + q.cases.length, 0)) },
    });
  return visible;
}
