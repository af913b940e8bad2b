import type { Actor } from '../domain/case/case';
import { err, ok, type Result } from '../domain/errors';
import { findInvestigationUnit, findSstTeam, type Directory, type PersonRef } from '../domain/routing/directory';
import { teamInboxKey, type AddressBook, type DeliveryAddress } from './ports/addresses';
import type { AuditLog } from './ports/audit';
import type { Clock } from './ports/clock';

export interface RegisterTeamInbox {
  actor: Actor;
  /** The actor's user principal name, when the Teams adapter could look it up (the directory may list UPNs). */
  actorUpn?: string;
  teamId: string;
  /** Only a team channel can be an inbox; a personal or group chat cannot. */
  inChannel: boolean;
  /** The channel's address, opaque here. */
  address: DeliveryAddress;
}

/** An inbox owner: a school-social team (its coordinators link the channel) or an investigation unit (its managers). */
export interface InboxOwner {
  id: string;
  name: string;
}

/**
 * The teams and units whose channel `actor` may make an inbox (coordinator of a team, manager of a unit), by
 * the directory; what `registrera` without an id tells them.
 */
export function inboxesOwnedBy(dir: Directory, actor: Actor, actorUpn?: string): InboxOwner[] {
  return [
    ...dir.sstTeams.filter((t) => isAmong(t.coordinators, actor, actorUpn)),
    ...dir.investigationUnits.filter((u) => isAmong(u.managers, actor, actorUpn)),
  ].map(({ id, name }) => ({ id, name }));
}

/** The directory may list a person by Entra object id or by UPN, in any letter case. */
function isAmong(people: readonly PersonRef[], actor: Actor, actorUpn: string | undefined): boolean {
  const ids = [actor.userId, actorUpn].filter((x): x is string => x !== undefined).map((x) => x.toLowerCase());
  return people.some((p) => ids.includes(p.id.toLowerCase()));
}

export type RegisterTeamInboxError =
  | { code: 'not_a_channel' }
  | { code: 'unknown_team' }
  | { code: 'not_authorized'; team: InboxOwner };

/**
 * Makes a team channel the inbox of a school-social team or of an investigation unit. Only a coordinator of
 * that team, or a manager of that unit, listed in the routing directory may do it; every attempt, allowed or
 * refused, is audited.
 */
export async function registerTeamInbox(
  deps: { store: AddressBook & AuditLog; clock: Clock; directory: () => Directory },
  cmd: RegisterTeamInbox,
): Promise<Result<{ team: InboxOwner }, RegisterTeamInboxError>> {
  const at = deps.clock.now();
  const audit = (action: string) => deps.store.appendAudit({ at, actorId: cmd.actor.userId, action, detail: { teamId: cmd.teamId } });
  if (!cmd.inChannel) return err({ code: 'not_a_channel' });
  const dir = deps.directory();
  const sstTeam = findSstTeam(dir, cmd.teamId);
  const unit = findInvestigationUnit(dir, cmd.teamId);
  const owner: (InboxOwner & { admins: readonly PersonRef[] }) | undefined = sstTeam
    ? { id: sstTeam.id, name: sstTeam.name, admins: sstTeam.coordinators }
    : unit
      ? { id: unit.id, name: unit.name, admins: unit.managers }
      : undefined;
  if (!owner) return err({ code: 'unknown_team' });
  const team: InboxOwner = { id: owner.id, name: owner.name };
  if (!isAmong(owner.admins, cmd.actor, cmd.actorUpn)) {
    await audit('inbox.register_refused');
    return err({ code: 'not_authorized', team });
  }
  await deps.store.saveAddress(teamInboxKey(team.id), cmd.address, at);
  await audit('inbox.registered');
  return ok({ team });
}
