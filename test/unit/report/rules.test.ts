import { describe, expect, it } from 'vitest';
import type { ReportDraft } from '../../../src/domain/report/report';
import { checkReport } from '../../../src/domain/report/rules';
import { aReport, anAbsence as absence } from '../../support/a-report';
import { aSchoolIn } from '../../support/report-payload';
import { loadSampleDirectory } from '../../support/test-directory';

const dir = loadSampleDirectory();
const school = aSchoolIn(dir, 'FAR');
const today = '2026-11-23';
const valid = aReport(school.id);
const steps = valid.steps;

describe('report rules', () => {
  it('accepts a complete, consistent report', () => {
    expect(checkReport(valid, dir, today)).toEqual([]);
  });

  it.each<[string, Partial<ReportDraft>, string, string]>([
    ['unknown school', { schoolId: 'no-such-school' }, 'school', 'unknown_school'],
    ['unexcused above total', { absence: { ...absence, totalPercent: 10, unexcusedPercent: 12 } }, 'absenceUnexcused', 'unexcused_exceeds_total'],
    ['period ends before it starts', { absence: { ...absence, from: '2026-11-20', to: '2026-09-01' } }, 'absenceTo', 'period_order'],
    ['period ends in the future', { absence: { ...absence, to: '2026-12-01' } }, 'absenceTo', 'date_in_future'],
    ['personnummer in the description', { description: 'Eleven 811218-9876 är borta' }, 'description', 'personnummer'],
    ['description too long', { description: 'x'.repeat(501) }, 'description', 'too_long'],
    ['a full name instead of initials', { pupilInitials: 'Kalle Lund' }, 'pupilInitials', 'full_name'],
    ['digits in initials', { pupilInitials: 'K1' }, 'pupilInitials', 'invalid'],
    ['initials too long', { pupilInitials: 'ABCDEFG' }, 'pupilInitials', 'too_long'],
    ['an unknown home district', { homeDistrict: { kind: 'district', district: 'Atlantis' } }, 'homeDistrict', 'unknown_district'],
    ['organiser notified before the investigation started', { steps: { ...steps, organiserNotifiedOn: '2026-10-01' } }, 'organiserNotifiedOn', 'organiser_before_investigation'],
    ['consent by the pupil in compulsory school', { consent: { givenBy: 'pupil', scope: ['absence'], validUntil: '2027-01-01' } }, 'consentGivenBy', 'consent_pupil_under_18'],
    ['consent without scope', { consent: { givenBy: 'guardian', scope: [], validUntil: '2027-01-01' } }, 'consentScope', 'required'],
    ['consent that has expired', { consent: { givenBy: 'guardian', scope: ['absence'], validUntil: '2026-11-01' } }, 'consentValidUntil', 'consent_expired'],
    ['consent without recipients', { consent: { givenBy: 'both_guardians', scope: ['absence'], recipients: [], validUntil: '2027-01-01' } }, 'consentRecipients', 'required'],
    ['one of two guardians where both must consent', { consent: { ...valid.consent, givenBy: 'guardian' } }, 'consentGivenBy', 'consent_both_guardians_required'],
    ['suspected harm without a report of concern', { suspectedHarm: true }, 'concernReportedOn', 'concern_report_date_required'],
    ['a report of concern dated in the future', { suspectedHarm: true, concernReportedOn: '2026-12-24' }, 'concernReportedOn', 'date_in_future'],
    ['an upper-secondary year at a compulsory-only school', { yearGroup: 11 }, 'yearGroup', 'school_form_mismatch'],
  ])('refuses %s', (_name, override, field, code) => {
    const errors = checkReport({ ...valid, ...override }, dir, today);
    expect(errors).toContainEqual(expect.objectContaining({ field, code }));
  });

  describe('an upper-secondary pupil', () => {
    const upper = aReport(aSchoolIn(dir, 'SOD', 'upper_secondary').id, { yearGroup: 11, pupilAgeBand: 'under_18' });
    const byPupil = { ...upper.consent, givenBy: 'pupil' } as const;

    it('needs the age band', () => {
      const { pupilAgeBand: _a, ...unknownAge } = upper;
      expect(checkReport(unknownAge, dir, today)).toEqual([{ field: 'pupilAgeBand', code: 'required' }]);
    });

    it.each<[string, Partial<ReportDraft>, { field: string; code: string }[]]>([
      ['the guardians of a pupil under 18', {}, []],
      ['the pupil themself at 18 or over', { pupilAgeBand: 'adult', consent: byPupil }, []],
      ['the pupil themself under 18', { consent: byPupil }, [{ field: 'consentGivenBy', code: 'consent_pupil_under_18' }]],
      ['the guardians of a pupil who is 18', { pupilAgeBand: 'adult' }, [{ field: 'consentGivenBy', code: 'consent_from_adult_pupil' }]],
    ])('judges consent by %s', (_name, override, expected) => {
      expect(checkReport({ ...upper, ...override }, dir, today)).toEqual(expected);
    });
  });

  describe('a remit beyond absence: figures are optional when another concern is chosen', () => {
    const figureFields = ['absenceFrom', 'absenceTo', 'absenceTotal', 'absenceUnexcused', 'longestRun'];
    it.each<[string, Partial<ReportDraft>]>([
      ['violence, no absence figures', { absence: undefined, concerns: ['violence'] }],
      ['crime, no absence figures', { absence: undefined, concerns: ['crime'] }],
      ['drugs, no absence figures', { absence: undefined, concerns: ['drugs'] }],
      ['mental ill-health, no absence figures', { absence: undefined, concerns: ['mental_health'] }],
      ['violence with little absence', { absence: { ...absence, totalPercent: 2, unexcusedPercent: 0 }, concerns: ['violence'] }],
      ['absence figures alone', { concerns: [] }],
    ])('accepts %s', (_name, override) => {
      expect(checkReport({ ...valid, ...override }, dir, today)).toEqual([]);
    });

    it('asks for the absence figures, or another concern, when the report has neither', () => {
      const errors = checkReport({ ...valid, absence: undefined, concerns: [] }, dir, today);
      expect(errors).toContainEqual({ field: 'absenceFrom', code: 'absence_or_concern_required' });
      expect(errors.map((e) => e.field).sort()).toEqual([...figureFields].sort());
    });

    it('still checks figures that were given with another concern', () => {
      const errors = checkReport({ ...valid, concerns: ['violence'], absence: { ...absence, totalPercent: 10, unexcusedPercent: 12 } }, dir, today);
      expect(errors).toEqual([{ field: 'absenceUnexcused', code: 'unexcused_exceeds_total' }]);
    });
  });

  it('accepts a legacy district name as home district', () => {
    expect(checkReport({ ...valid, homeDistrict: { kind: 'district', district: 'Rinkeby-Kista' } }, dir, today)).toEqual([]);
  });

  it('reports every problem at once', () => {
    const errors = checkReport(
      { ...valid, pupilInitials: 'K1', description: '811218-9876', absence: { ...absence, unexcusedPercent: 90, totalPercent: 10 } },
      dir,
      today,
    );
    expect(errors.map((e) => e.field).sort()).toEqual(['absenceUnexcused', 'description', 'pupilInitials']);
  });
});
