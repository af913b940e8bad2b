import type { Case } from '../../../../domain/case/case';
import { findSstTeam, type Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';

/** Where a case is going, by team name (never a person's name): the team, the city-wide team, or the fallback. */
export function routedTo(c: Case, directory: Directory, lang: Lang): string {
  const l = catalogue(lang).reportConfirmation;
  const teamId = c.routing.sstTeamId;
  const team = teamId === undefined ? undefined : findSstTeam(directory, teamId);
  if (!team) return l.fallback;
  return c.routing.reasons.some((r) => r.code === 'upper_secondary_team') ? fill(lang, l.upperSecondaryRouting, { team: team.name }) : team.name;
}

export const schoolName = (c: Case, directory: Directory): string =>
  directory.schools.find((s) => s.id === c.schoolId)?.name ?? c.schoolId;
