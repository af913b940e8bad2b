import { findDistrict, type Directory } from '../../../../domain/routing/directory';
import type { Choice } from './field-messages';

/** Schools for the filtered pick list, "Name, District", sorted the Swedish way. */
export function schoolChoices(directory: Directory): Choice[] {
  return directory.schools
    .map((s) => ({ value: s.id, title: `${s.name}, ${findDistrict(directory, s.districtCode)?.name ?? s.districtCode}` }))
    .sort((a, b) => a.title.localeCompare(b.title, 'sv'));
}
