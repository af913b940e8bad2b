import { describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports/case-store';
import { aReminderPlan } from '../support/a-reminder-plan';

/** Part of caseStoreContract: stored reminders, the due sweep's claims and their leases. */
export function remindersContract(store: () => CaseStore): void {
  const t = (hhmm: string, day = 25): string => `2026-11-${day}T${hhmm}:00.000Z`;
  const claim = (now: string, instanceId = 'instance-a', limit = 50, leaseMs = 60_000) =>
    store().claimDueReminders({ now, instanceId, leaseMs, limit });
  const statuses = async (caseId: string) => (await store().listRemindersForCase(caseId)).map((r) => `${r.subject}:${r.status}`);

  describe('reminders', () => {
    describe('reconciling a case with its planned reminders', () => {
      it('stores planned reminders as pending, soonest due first, and reads every field back', async () => {
        const later = aReminderPlan('case-r1', { subject: 'b', dueAt: t('09:00') });
        const sooner = aReminderPlan('case-r1', { subject: 'a', dueAt: t('08:00'), recipient: { kind: 'head_teacher', schoolId: 'far-skolan' } });
        await store().replaceCaseReminders('case-r1', [later, sooner], t('07:00', 20));
        expect(await store().listRemindersForCase('case-r1')).toEqual([
          { ...sooner, status: 'pending', attempts: 0, createdAt: t('07:00', 20), updatedAt: t('07:00', 20) },
          { ...later, status: 'pending', attempts: 0, createdAt: t('07:00', 20), updatedAt: t('07:00', 20) },
        ]);
        expect(await store().listRemindersForCase('case-other')).toEqual([]);
      });

      it('changes nothing when the same plan comes again', async () => {
        const plan = aReminderPlan('case-r2');
        await store().replaceCaseReminders('case-r2', [plan], t('07:00', 20));
        const first = await store().listRemindersForCase('case-r2');
        await store().replaceCaseReminders('case-r2', [plan], t('07:00', 21));
        expect(await store().listRemindersForCase('case-r2')).toEqual(first);
      });

      it('moves a pending reminder when its due time changes, and resolves one no longer planned', async () => {
        const keep = aReminderPlan('case-r3', { subject: 'keep', dueAt: t('08:00', 26) });
        const drop = aReminderPlan('case-r3', { subject: 'drop' });
        await store().replaceCaseReminders('case-r3', [keep, drop], t('07:00', 20));
        await store().replaceCaseReminders('case-r3', [{ ...keep, dueAt: t('08:00', 27) }], t('07:00', 21));
        const [dropped, kept] = await store().listRemindersForCase('case-r3');
        expect(dropped).toMatchObject({ subject: 'drop', status: 'resolved', resolvedAt: t('07:00', 21) });
        expect(kept).toMatchObject({ subject: 'keep', status: 'pending', dueAt: t('08:00', 27), createdAt: t('07:00', 20) });
      });

      it('never touches a sent reminder and never brings back a resolved one', async () => {
        const sent = aReminderPlan('case-r4', { subject: 'sent', dueAt: t('08:00') });
        const resolved = aReminderPlan('case-r4', { subject: 'resolved', dueAt: t('09:00', 26) });
        await store().replaceCaseReminders('case-r4', [sent, resolved], t('07:00', 20));
        const [held] = await claim(t('08:00'));
        expect(held && (await store().completeReminder(held.claim, 'sent', t('08:01')))).toBe(true);
        await store().replaceCaseReminders('case-r4', [], t('09:00'));
        await store().replaceCaseReminders('case-r4', [{ ...sent, dueAt: t('10:00', 27) }, resolved], t('10:00'));
        expect(await statuses('case-r4')).toEqual(['sent:sent', 'resolved:resolved']);
        expect((await store().listRemindersForCase('case-r4'))[0]).toMatchObject({ dueAt: t('08:00'), sentAt: t('08:01') });
      });

      it('refuses a plan that names another case', async () => {
        await expect(store().replaceCaseReminders('case-r5', [aReminderPlan('case-other')], t('07:00'))).rejects.toThrow(/case-other/);
      });
    });

    describe('claiming due reminders', () => {
      it('claims only pending reminders that are due, soonest first, up to the limit', async () => {
        await store().replaceCaseReminders('case-c1', [
          aReminderPlan('case-c1', { subject: 'late', dueAt: t('08:30') }),
          aReminderPlan('case-c1', { subject: 'early', dueAt: t('08:00') }),
          aReminderPlan('case-c1', { subject: 'future', dueAt: t('08:01', 26) }),
        ], t('07:00', 20));
        await store().replaceCaseReminders('case-c2', [aReminderPlan('case-c2', { subject: 'exact', dueAt: t('09:00') })], t('07:00', 20));
        const firstTwo = await claim(t('09:00'), 'instance-a', 2);
        expect(firstTwo.map((c) => c.reminder.subject)).toEqual(['early', 'late']);
        expect(firstTwo[0]?.reminder).toMatchObject({ status: 'pending', attempts: 1 });
        expect((await claim(t('09:00'))).map((c) => c.reminder.subject)).toEqual(['exact']);
        expect(await claim(t('09:00'))).toEqual([]);
      });

      it('does not hand a claimed reminder to anyone else while the lease runs', async () => {
        await store().replaceCaseReminders('case-c3', [aReminderPlan('case-c3', { dueAt: t('08:00') })], t('07:00', 20));
        expect(await claim(t('08:00'), 'instance-a', 10, 60_000)).toHaveLength(1);
        expect(await claim('2026-11-25T08:00:59.999Z', 'instance-b')).toEqual([]);
      });

      it('lets another instance take over a claim whose lease ran out, and then refuses the old claim', async () => {
        await store().replaceCaseReminders('case-c4', [aReminderPlan('case-c4', { dueAt: t('08:00') })], t('07:00', 20));
        const [dead] = await claim(t('08:00'), 'instance-a', 10, 60_000);
        const [taker] = await claim(t('08:01'), 'instance-b', 10, 60_000);
        expect(taker?.reminder).toMatchObject({ id: dead?.reminder.id, attempts: 2 });
        expect(dead && (await store().completeReminder(dead.claim, 'sent', t('08:02')))).toBe(false);
        expect(taker && (await store().completeReminder(taker.claim, 'sent', t('08:02')))).toBe(true);
        expect(await statuses('case-c4')).toEqual(['inbox:sent']);
      });

      it('completes only with the claim that holds the reminder, and a completed one is never claimed again', async () => {
        await store().replaceCaseReminders('case-c5', [aReminderPlan('case-c5', { dueAt: t('08:00') })], t('07:00', 20));
        const [held] = await claim(t('08:00'));
        if (held === undefined) throw new Error('expected a claim');
        expect(await store().completeReminder({ ...held.claim, token: 'forged' }, 'sent', t('08:01'))).toBe(false);
        expect(await store().completeReminder(held.claim, 'resolved', t('08:01'))).toBe(true);
        expect(await store().completeReminder(held.claim, 'sent', t('08:02'))).toBe(false);
        expect(await claim(t('12:00', 27))).toEqual([]);
        expect((await store().listRemindersForCase('case-c5'))[0]).toMatchObject({ status: 'resolved', resolvedAt: t('08:01') });
      });

      it('gives a released reminder back as pending, due again at the retry time and not before', async () => {
        await store().replaceCaseReminders('case-c6', [aReminderPlan('case-c6', { dueAt: t('08:00') })], t('07:00', 20));
        const [held] = await claim(t('08:00'));
        if (held === undefined) throw new Error('expected a claim');
        expect(await store().releaseReminder(held.claim, t('08:15'), t('08:01'))).toBe(true);
        expect(await store().releaseReminder(held.claim, t('08:30'), t('08:02'))).toBe(false);
        expect(await claim(t('08:14'))).toEqual([]);
        expect((await claim(t('08:15'))).map((c) => c.reminder.dueAt)).toEqual([t('08:15')]);
      });

      it('resolves a claimed reminder at once when the case no longer wants it; the claim then cannot send it', async () => {
        await store().replaceCaseReminders('case-c7', [aReminderPlan('case-c7', { dueAt: t('08:00') })], t('07:00', 20));
        const [held] = await claim(t('08:00'));
        await store().replaceCaseReminders('case-c7', [], t('08:00'));
        expect(held && (await store().completeReminder(held.claim, 'sent', t('08:01')))).toBe(false);
        expect(await statuses('case-c7')).toEqual(['inbox:resolved']);
        expect(await claim(t('09:00'))).toEqual([]);
      });

      it('gives each of 40 due reminders to exactly one of two claimers running at once', async () => {
        const plans = Array.from({ length: 40 }, (_, i) => aReminderPlan('case-c8', { subject: `s${String(i).padStart(2, '0')}`, dueAt: t('08:00') }));
        await store().replaceCaseReminders('case-c8', plans, t('07:00', 20));
        // Each claimer keeps claiming until a round brings nothing: a store may let one of them lose a race.
        const claimUntilEmpty = async (instanceId: string): Promise<string[]> => {
          const got: string[] = [];
          for (let round = 0; round < 20; round += 1) {
            const batch = await claim(t('08:00'), instanceId, 10);
            got.push(...batch.map((c) => c.reminder.id));
            if (batch.length === 0) break;
          }
          return got;
        };
        const [a, b] = await Promise.all([claimUntilEmpty('instance-a'), claimUntilEmpty('instance-b')]);
        const ids = [...a, ...b];
        expect(ids).toHaveLength(40);
        expect(new Set(ids)).toEqual(new Set(plans.map((p) => p.id)));
      });
    });

    describe('snoozing', () => {
      it('keeps a snoozed reminder due at the snooze when the same plan comes again, unless the plan moves it later', async () => {
        const plan = aReminderPlan('case-s1', { dueAt: t('08:00') });
        await store().replaceCaseReminders('case-s1', [plan], t('07:00', 20));
        expect(await store().snoozeReminder('case-s1', plan.id, t('07:00', 26), t('09:00'))).toMatchObject({ status: 'pending', dueAt: t('07:00', 26) });
        await store().replaceCaseReminders('case-s1', [plan], t('10:00'));
        expect(await claim(t('12:00'))).toEqual([]);
        expect((await store().listRemindersForCase('case-s1'))[0]).toMatchObject({ dueAt: t('07:00', 26), snoozedUntil: t('07:00', 26) });
        await store().replaceCaseReminders('case-s1', [{ ...plan, dueAt: t('09:00', 27) }], t('11:00'));
        expect((await store().listRemindersForCase('case-s1'))[0]).toMatchObject({ dueAt: t('09:00', 27) });
      });

      it('brings a sent reminder back as pending at the snooze, and refuses escalations, resolved and unknown reminders', async () => {
        const sent = aReminderPlan('case-s2', { dueAt: t('08:00') });
        const escalation = aReminderPlan('case-s2', { step: 'escalation', dueAt: t('09:00', 27) });
        await store().replaceCaseReminders('case-s2', [sent, escalation], t('07:00', 20));
        const [held] = await claim(t('08:00'));
        expect(held && (await store().completeReminder(held.claim, 'sent', t('08:01')))).toBe(true);
        expect(await store().snoozeReminder('case-s2', sent.id, t('07:00', 26), t('09:00'))).toMatchObject({ status: 'pending', dueAt: t('07:00', 26) });
        expect(await claim(t('06:59', 26))).toEqual([]);
        expect((await claim(t('07:00', 26))).map((c) => c.reminder.id)).toEqual([sent.id]);
        expect(await store().snoozeReminder('case-s2', escalation.id, t('07:00', 26), t('09:00'))).toBeUndefined();
        expect(await store().snoozeReminder('case-s2', 'case-s2:nothing', t('07:00', 26), t('09:00'))).toBeUndefined();
        expect(await store().snoozeReminder('case-other', sent.id, t('07:00', 26), t('09:00'))).toBeUndefined();
        await store().replaceCaseReminders('case-s2', [], t('10:00'));
        expect(await store().snoozeReminder('case-s2', escalation.id.replace('escalation', 'reminder'), t('07:00', 27), t('10:01'))).toBeUndefined();
      });
    });
  });
}
