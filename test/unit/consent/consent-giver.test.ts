import { describe, expect, it } from 'vitest';
import { checkConsentGiver, consentGiversFor, type PupilAge } from '../../../src/domain/consent/consent-giver';
import type { ConsentGiver } from '../../../src/domain/report/report';
import type { ConsentSettings } from '../../../src/domain/routing/directory';

const both: ConsentSettings = { jointCustody: 'both_guardians' };
const either: ConsentSettings = { jointCustody: 'either_guardian' };
const child: PupilAge = { yearGroup: 7 };
const upperUnknown: PupilAge = { yearGroup: 11 };
const upperChild: PupilAge = { yearGroup: 11, ageBand: 'under_18' };
const upperAdult: PupilAge = { yearGroup: 12, ageBand: 'adult' };
// An age band on a compulsory-school pupil does not make them an adult who consents alone.
const compulsoryAdult: PupilAge = { yearGroup: 9, ageBand: 'adult' };

const ok = undefined;

/** Age band × giver × the city's joint-custody setting → the refusal (field and code), written out by hand. */
const table: [string, PupilAge, ConsentGiver, ConsentSettings, { field: string; code: string } | undefined][] = [
  ['compulsory', child, 'both_guardians', both, ok],
  ['compulsory', child, 'sole_guardian', both, ok],
  ['compulsory', child, 'guardian', both, { field: 'consentGivenBy', code: 'consent_both_guardians_required' }],
  ['compulsory', child, 'guardian', either, ok],
  ['compulsory', child, 'pupil', both, { field: 'consentGivenBy', code: 'consent_pupil_under_18' }],
  ['compulsory', child, 'pupil', either, { field: 'consentGivenBy', code: 'consent_pupil_under_18' }],
  ['compulsory, stated adult', compulsoryAdult, 'pupil', both, { field: 'consentGivenBy', code: 'consent_pupil_under_18' }],
  ['compulsory, stated adult', compulsoryAdult, 'both_guardians', both, ok],
  ['upper secondary, age unknown', upperUnknown, 'pupil', both, { field: 'pupilAgeBand', code: 'required' }],
  ['upper secondary, age unknown', upperUnknown, 'both_guardians', both, ok],
  ['upper secondary, age unknown', upperUnknown, 'guardian', both, { field: 'consentGivenBy', code: 'consent_both_guardians_required' }],
  ['upper secondary, under 18', upperChild, 'pupil', both, { field: 'consentGivenBy', code: 'consent_pupil_under_18' }],
  ['upper secondary, under 18', upperChild, 'both_guardians', both, ok],
  ['upper secondary, under 18', upperChild, 'sole_guardian', either, ok],
  ['upper secondary, under 18', upperChild, 'guardian', both, { field: 'consentGivenBy', code: 'consent_both_guardians_required' }],
  ['upper secondary, under 18', upperChild, 'guardian', either, ok],
  ['upper secondary, 18 or over', upperAdult, 'pupil', both, ok],
  ['upper secondary, 18 or over', upperAdult, 'pupil', either, ok],
  ['upper secondary, 18 or over', upperAdult, 'both_guardians', both, { field: 'consentGivenBy', code: 'consent_from_adult_pupil' }],
  ['upper secondary, 18 or over', upperAdult, 'sole_guardian', both, { field: 'consentGivenBy', code: 'consent_from_adult_pupil' }],
  ['upper secondary, 18 or over', upperAdult, 'guardian', either, { field: 'consentGivenBy', code: 'consent_from_adult_pupil' }],
];

describe('who may give consent', () => {
  it.each(table)('%s pupil, giver %s, joint custody %o', (_band, pupil, giver, settings, refusal) => {
    expect(checkConsentGiver(giver, pupil, settings)).toEqual(refusal === undefined ? [] : [refusal]);
  });

  it('asks both guardians in joint custody when the directory says nothing', () => {
    expect(checkConsentGiver('guardian', child)).toEqual([{ field: 'consentGivenBy', code: 'consent_both_guardians_required' }]);
  });

  it('leaves "no consent yet" to the caller', () => {
    expect(checkConsentGiver('none', upperAdult, both)).toEqual([]);
  });
});

describe('the givers a consent form offers', () => {
  it.each<[string, PupilAge, ConsentSettings, ConsentGiver[]]>([
    ['a compulsory-school pupil, both guardians needed', child, both, ['sole_guardian', 'both_guardians']],
    ['a compulsory-school pupil, one guardian enough', child, either, ['guardian', 'sole_guardian', 'both_guardians']],
    ['an upper-secondary pupil (the form asks the age band)', upperUnknown, both, ['sole_guardian', 'both_guardians', 'pupil']],
  ])('%s', (_label, pupil, settings, givers) => {
    expect(consentGiversFor(pupil, settings)).toEqual(givers);
  });
});
