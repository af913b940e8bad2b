import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/adapters/teams/i18n/i18n';
import type { Case } from '../../src/domain/case/case';
import type { Directory } from '../../src/domain/routing/directory';
import { aTeacher, type TeamsUser } from '../support/activities';
import { aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { pressAs, storedCase, submitReport, textOf } from '../support/team-inboxes';
import { buttonsOf, TeamsClient } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const sv = catalogue('sv');
const dir: Directory = loadSampleDirectory();
const school = aSchoolIn(dir, 'FAR');
const team = dir.sstTeams.find((t) => t.id === school.sstTeamId);
const user = (id: string | undefined): TeamsUser => ({ aadObjectId: id ?? 'missing', name: 'Test' });
const schoolSide = user(team?.members.find((m) => m.side === 'school')?.id);
const socialServices = user(team?.members.find((m) => m.side === 'social_services')?.id);
const coordinator = user(team?.coordinators[0]?.id);
const description = 'Borta varje måndag sedan september.';

describe('consent on the case card', () => {
  let bot: RunningBot;
  let teacher: TeamsClient;
  beforeEach(async () => {
    bot = await new RunningBot().start();
    teacher = new TeamsClient(bot, aTeacher(1));
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('records the consent from the card: one guardian of two is refused, both guardians pass it to the team, audited', async () => {
    const waiting = await submitReport(bot, teacher, school, { consentGivenBy: 'none', consentScope: '', consentRecipients: '', consentValidUntil: '' });
    expect(waiting.state).toBe('awaiting_consent');
    const card = await pressAs(bot, aTeacher(1), 'case.view', { caseId: waiting.id });
    expect(buttonsOf(card.card)).toContain('case.consent');

    const consent = { caseId: waiting.id, version: waiting.version, consentScope: 'absence,description', consentRecipients: 'sst_team', consentValidUntil: '2027-06-15' };
    const refused = await pressAs(bot, aTeacher(1), 'case.consent', { ...consent, consentGivenBy: 'guardian' });
    expect(textOf(refused.card)).toContain(sv.fieldErrors.consent_both_guardians_required);
    expect((await storedCase(bot, waiting.id)).state).toBe('awaiting_consent');

    await pressAs(bot, aTeacher(1), 'case.consent', { ...consent, consentGivenBy: 'both_guardians' });
    const recorded = await storedCase(bot, waiting.id);
    expect(recorded.state).toBe('new');
    expect(recorded.consent).toEqual({
      givenBy: 'both_guardians',
      scope: ['absence', 'description'],
      recipients: ['sst_team'],
      validUntil: '2027-06-15',
      recordedAt: bot.clock.now(),
      recordedBy: aTeacher(1).aadObjectId,
    });
    const audit = await bot.store.listAudit({ caseId: waiting.id });
    expect(audit).toContainEqual(expect.objectContaining({ action: 'disclosure', detail: { what: 'referral', to: 'FAR-SST-1', legalGround: 'consent', fromAuthority: 'education_committee', toAuthority: 'district_committee:FAR' } }));
    // The consent covers the description, so the team's social-services side now sees it.
    const theirs = textOf((await pressAs(bot, socialServices, 'case.view', { caseId: waiting.id })).card);
    expect(theirs).toContain('Borta de flesta måndagar');
    expect(theirs).toContain(sv.caseCard.unexcused);
  });

  it('takes an upper-secondary pupil’s own consent from the card once the card states that they are 18', async () => {
    const gymnasium = aSchoolIn(dir, 'NIN', 'upper_secondary');
    const noConsent = { yearGroup: '12', pupilAgeBand: 'under_18', consentGivenBy: 'none', consentScope: '', consentRecipients: '', consentValidUntil: '' };
    const waiting = await submitReport(bot, teacher, gymnasium, noConsent);
    const card = await pressAs(bot, aTeacher(1), 'case.view', { caseId: waiting.id });
    expect(textOf(card.card)).toContain(sv.reportForm.pupilAgeBand);
    const consent = { caseId: waiting.id, version: waiting.version, consentGivenBy: 'pupil', consentScope: 'absence', consentRecipients: 'sst_team', consentValidUntil: '2027-06-15' };
    const refused = await pressAs(bot, aTeacher(1), 'case.consent', { ...consent, pupilAgeBand: 'under_18' });
    expect(textOf(refused.card)).toContain(sv.fieldErrors.consent_pupil_under_18);
    await pressAs(bot, aTeacher(1), 'case.consent', { ...consent, pupilAgeBand: 'adult' });
    const recorded = await storedCase(bot, waiting.id);
    expect([recorded.state, recorded.pupil?.ageBand, recorded.consent?.givenBy]).toEqual(['new', 'adult', 'pupil']);
  });

  describe('withdrawing it', () => {
    let submitted: Case;
    beforeEach(async () => {
      submitted = await submitReport(bot, teacher, school, {
        concerns: 'crime',
        description,
        consentScope: 'absence,school_steps,description,concerns',
        consentRecipients: 'sst_team',
      });
    });

    it('before withdrawal, shows the social-services member what the consent covers', async () => {
      const view = textOf((await pressAs(bot, socialServices, 'case.view', { caseId: submitted.id })).card);
      expect(view).toContain(description);
      expect(view).toContain(sv.concerns.crime);
      expect(view).toContain(sv.caseCard.unexcused);
    });

    it('by the reporter from their card: the social-services member no longer sees what it covered, the school side still does, audited', async () => {
      const mine = await pressAs(bot, aTeacher(1), 'case.view', { caseId: submitted.id });
      expect(buttonsOf(mine.card)).toContain('case.withdraw_consent');
      const done = await pressAs(bot, aTeacher(1), 'case.withdraw_consent', { caseId: submitted.id, version: submitted.version });
      expect(textOf(done.card)).toContain(sv.caseNotices.consentWithdrawn);

      const after = await storedCase(bot, submitted.id);
      expect(after.consent).toMatchObject({ withdrawnAt: bot.clock.now(), withdrawnBy: aTeacher(1).aadObjectId });
      expect(after.state).toBe('new');

      const view = textOf((await pressAs(bot, socialServices, 'case.view', { caseId: submitted.id })).card);
      expect(view).toContain('KL');
      expect(view).not.toContain(description);
      expect(view).not.toContain(sv.concerns.crime);
      expect(view).not.toContain(sv.caseCard.unexcused);
      expect(view).toContain(sv.caseCard.consentNotInForce);

      const school = textOf((await pressAs(bot, schoolSide, 'case.view', { caseId: submitted.id })).card);
      expect(school).toContain(description);
      expect(school).toContain(sv.concerns.crime);

      const audit = await bot.store.listAudit({ caseId: submitted.id });
      expect(audit.map((a) => a.action)).toContain('case.withdraw_consent');
      expect(audit).toContainEqual(
        expect.objectContaining({ action: 'disclosure_stopped', detail: { what: 'absence,school_steps,description,concerns', to: 'FAR-SST-1', legalGround: 'consent' } }),
      );
    });

    it('by the coordinator, after which a handover can rest only on another ground', async () => {
      await pressAs(bot, socialServices, 'case.take', { caseId: submitted.id, version: submitted.version });
      await pressAs(bot, coordinator, 'case.withdraw_consent', { caseId: submitted.id, version: submitted.version + 1 });
      expect((await storedCase(bot, submitted.id)).consent?.withdrawnBy).toBe(coordinator.aadObjectId);

      const handOver = { caseId: submitted.id, version: submitted.version + 2, handoverSummary: 'Frånvaron ökar trots insatser.', handoverUrgent: 'false' };
      const refused = await pressAs(bot, socialServices, 'case.hand_over', { ...handOver, handoverGround: 'consent' });
      expect(textOf(refused.card)).toContain(sv.caseNotices.consent_missing);
      expect((await storedCase(bot, submitted.id)).state).toBe('assigned');
      await pressAs(bot, socialServices, 'case.hand_over', { ...handOver, handoverGround: 'reporting_duty' });
      expect((await storedCase(bot, submitted.id)).handover?.legalGround).toBe('reporting_duty');
    });

    it('is not offered to a team member who neither has the case nor coordinates it, and is refused if pressed', async () => {
      const theirs = await pressAs(bot, socialServices, 'case.view', { caseId: submitted.id });
      expect(buttonsOf(theirs.card)).not.toContain('case.withdraw_consent');
      await pressAs(bot, socialServices, 'case.withdraw_consent', { caseId: submitted.id, version: submitted.version });
      expect((await storedCase(bot, submitted.id)).consent?.withdrawnAt).toBeUndefined();
    });
  });
});
