import type { AuditEntry } from '../../../../app/ports/audit';
import type { StockholmTime } from '../../../../app/ports/clock';
import { reportersOf, type Case } from '../../../../domain/case/case';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format-date';

export interface AuditTrailInput {
  lang: Lang;
  directory: Directory;
  case: Case;
  /** Newest first. */
  entries: readonly AuditEntry[];
  total: number;
  /** Reads instants as Stockholm date and time (the Clock port), for the dates the card shows. */
  clock: StockholmTime;
}

/**
 * Staff by directory display name; the school's reporter by role only; ids nobody knows as "unknown person".
 * An investigator's request for input has no school reporter: its opener is staff and named like staff.
 */
function whoIs(directory: Directory, c: Case, userId: string, lang: Lang): string {
  const l = catalogue(lang).trail;
  if (c.kind !== 'input_request' && reportersOf(c).includes(userId)) return l.reporter;
  const people = [
    ...directory.sstTeams.flatMap((t) => [...t.members, ...t.coordinators]),
    ...directory.investigationUnits.flatMap((u) => [...u.contacts, ...u.managers]),
    ...directory.districts.map((d) => d.fallbackContact),
    ...(directory.admins ?? []),
  ];
  return people.find((p) => p.id === userId)?.name ?? l.unknownPerson;
}

/** A case's audit trail for its queue owners: when, what (in words), who. Ids and codes only, no pupil data. */
export function auditTrailView(input: AuditTrailInput) {
  const { lang, directory, case: c } = input;
  const l = catalogue(lang).trail;
  const labels: Readonly<Record<string, string>> = catalogue(lang).auditActions;
  const rows = input.entries.map((e) => {
    const local = input.clock.toLocal(e.at);
    const label = labels[e.action] ?? e.action;
    const reason = e.detail?.reason;
    return {
      at: `${formatDate(lang, local.date)} ${local.time}`,
      what: reason === undefined ? label : `${label} (${fill(lang, l.refusedBecause, { reason })})`,
      who: whoIs(directory, c, e.actorId, lang),
    };
  });
  return {
    title: fill(lang, l.title, { reference: c.reference }),
    intro: l.intro,
    rows,
    more: input.total > rows.length ? fill(lang, l.more, { shown: rows.length, total: input.total }) : '',
  };
}
