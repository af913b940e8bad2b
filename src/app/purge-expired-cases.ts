import type { Directory } from '../domain/routing/directory';
import { eraseParts, erasureBasis, erasureCutoff, ownersDueForErasure, shortestPeriod } from '../domain/retention/retention';
import { authorityKey } from '../domain/retention/owning-authority';
import type { AuditLog } from './ports/audit';
import type { CaseRetention } from './ports/cases';
import type { Clock } from './ports/clock';

export interface PurgeDeps {
  store: CaseRetention & Pick<AuditLog, 'appendAudit'>;
  clock: Clock;
  directory: () => Directory;
}

export type PurgeResult = { configured: false } | { configured: true; erased: number; conflicts: number };

/** The audit actor of work nobody started by hand. */
export const retentionActorId = 'system:retention';

/**
 * Erases, on every ended case, the parts whose owner's retention period has run out (domain/retention/), one
 * batch at a time, and writes one audit entry per owner erased on a case with the legal-basis code, the owner,
 * its parts, the period and the culling decision, plus one for the run with the count of erasures. Safe to run
 * again at any time: erased parts are not erased again, a case with nothing left is not listed again, and a case
 * changed meanwhile (a version conflict) is left for the next run. Without a `retention` section nothing is erased.
 */
export async function purgeExpiredCases(deps: PurgeDeps, batchSize = 100): Promise<PurgeResult> {
  const settings = deps.directory().retention;
  if (settings === undefined) return { configured: false };
  const today = deps.clock.today();
  // No part of a case that ended after the shortest period's cutoff can be due; each case is then checked per owner.
  const closedBefore = erasureCutoff(today, shortestPeriod(settings));
  let erased = 0;
  let conflicts = 0;
  const skipped = new Set<string>();
  for (;;) {
    const batch = (await deps.store.listCasesDueForErasure({ closedBefore }, batchSize + skipped.size)).filter((c) => !skipped.has(c.id));
    if (batch.length === 0) break;
    for (const c of batch) {
      // A case with parts that are not due yet stays listed until they are: look at it once per run.
      skipped.add(c.id);
      const due = ownersDueForErasure(c, settings, today);
      if (due.length === 0) continue;
      const at = deps.clock.now();
      const result = await deps.store.eraseCase(eraseParts(c, due.map((d) => d.owner), at), c.version);
      if (!result.ok) {
        conflicts += 1;
        continue;
      }
      for (const { owner, rule, parts } of due) {
        erased += 1;
        await deps.store.appendAudit({
          at,
          actorId: retentionActorId,
          action: 'case.erased',
          caseId: c.id,
          detail: { basis: erasureBasis, owner: authorityKey(owner), parts: parts.join(','), days: String(rule.days), decision: rule.decision },
        });
      }
    }
  }
  await deps.store.appendAudit({
    at: deps.clock.now(),
    actorId: retentionActorId,
    action: 'retention.purged',
    detail: { basis: erasureBasis, count: String(erased), conflicts: String(conflicts), today },
  });
  return { configured: true, erased, conflicts };
}
