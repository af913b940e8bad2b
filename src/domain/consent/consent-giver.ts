import type { FieldError } from '../errors';
import { consentGivers, isUpperSecondary, type AgeBand, type ConsentGiver, type YearGroup } from '../report/report';
import { defaultConsentSettings, type ConsentSettings } from '../routing/directory';

/** The form fields a giver check can fault: the giver, or the pupil's age band it depends on. */
export type ConsentGiverField = 'consentGivenBy' | 'pupilAgeBand';

export interface PupilAge {
  yearGroup: YearGroup;
  ageBand?: AgeBand;
}

/** An upper-secondary pupil the reporter stated to be 18 or over; anyone else counts as a child (domain.md L10). */
export const isAdultPupil = (p: PupilAge): boolean => isUpperSecondary(p.yearGroup) && p.ageBand === 'adult';

/**
 * Whether `giver` may consent for this pupil (domain.md T10, L10). An adult pupil consents themself and
 * nobody else can: custody ends at 18 (Children and Parents Code ch. 6 § 2). A child's consent comes from the
 * guardians: both of them in joint custody unless the city decided one is enough (`jointCustody`), or the
 * sole guardian. The pupil's own consent needs the age band: an upper-secondary pupil of unknown age cannot
 * give it until someone states that they are 18. `none` is not judged here.
 */
export function checkConsentGiver(
  giver: ConsentGiver,
  pupil: PupilAge,
  settings: ConsentSettings = defaultConsentSettings,
): FieldError<ConsentGiverField>[] {
  if (giver === 'none') return [];
  if (giver === 'pupil') {
    if (isUpperSecondary(pupil.yearGroup) && pupil.ageBand === undefined) return [{ field: 'pupilAgeBand', code: 'required' }];
    return isAdultPupil(pupil) ? [] : [{ field: 'consentGivenBy', code: 'consent_pupil_under_18' }];
  }
  if (isAdultPupil(pupil)) return [{ field: 'consentGivenBy', code: 'consent_from_adult_pupil' }];
  if (giver === 'guardian' && settings.jointCustody === 'both_guardians')
    return [{ field: 'consentGivenBy', code: 'consent_both_guardians_required' }];
  return [];
}

/**
 * The givers a consent form offers for this pupil. For an upper-secondary pupil the form also asks the age
 * band, so it offers the givers of either band and the check decides on submit.
 */
export function consentGiversFor(pupil: { yearGroup: YearGroup }, settings: ConsentSettings = defaultConsentSettings): ConsentGiver[] {
  const bands: (AgeBand | undefined)[] = isUpperSecondary(pupil.yearGroup) ? ['under_18', 'adult'] : [undefined];
  return consentGivers.filter(
    (g) => g !== 'none' && bands.some((ageBand) => checkConsentGiver(g, { ...pupil, ...(ageBand ? { ageBand } : {}) }, settings).length === 0),
  );
}
