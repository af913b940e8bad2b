import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aTeacher, type TeamsUser } from '../support/activities';
import { aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { submitReport } from '../support/team-inboxes';
import { TeamsClient } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = loadSampleDirectory();
const school = aSchoolIn(dir, 'FAR');
const member: TeamsUser = { aadObjectId: dir.sstTeams.find((t) => t.id === school.sstTeamId)?.members[0]?.id ?? 'missing', name: 'Test' };
const markers = { initials: 'QZX', description: 'MARKER-AUDIT-DESCRIPTION-5e2b', question: 'MARKER-AUDIT-QUESTION-7c1d' };

describe('the audit trail a data-protection officer exports', () => {
  let bot: RunningBot;

  beforeEach(async () => {
    bot = await new RunningBot().start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('records a report, a list, a take and a question with ids and codes only, and exports them as CSV and JSON', async () => {
    const teacher = new TeamsClient(bot, aTeacher(1));
    const submitted = await submitReport(bot, teacher, school, { pupilInitials: markers.initials, description: markers.description });
    await teacher.say('mina ärenden');
    const worker = new TeamsClient(bot, member);
    await worker.press('case.take', { caseId: submitted.id, version: String(submitted.version) });
    await worker.press('case.ask', { caseId: submitted.id, version: String(submitted.version + 1), question: markers.question });
    await bot.idle();

    const trail = await bot.store.listAudit({});
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['case.submitted', 'cases.listed_own', 'case.take', 'case.ask_reporter']));
    const stored = JSON.stringify(await bot.store.getCase(submitted.id));
    expect(stored).toContain(markers.question); // the test can fail: the texts exist in the store

    const env = { PATH: process.env.PATH, LOCAL_MODE: 'true', DATA_DIR: bot.dataDir, LOG_LEVEL: 'silent' };
    const cli = (format: string) =>
      run(process.execPath, ['--import', 'tsx', 'scripts/export-audit.ts', '--from', '2026-11-01', '--to', '2026-11-30', '--format', format], { cwd: root, env });
    const csv = await cli('csv');
    const json = await cli('json');
    expect(csv.stdout.split('\r\n')[0]).toBe('at,actorId,action,caseId,detail');
    expect(csv.stdout.split('\r\n').filter((l) => l !== '')).toHaveLength(trail.length + 1);
    expect(JSON.parse(json.stdout)).toEqual(trail);
    for (const text of [csv.stdout, json.stdout, JSON.stringify(trail)]) {
      for (const marker of Object.values(markers)) expect(text).not.toContain(marker);
    }
    expect(csv.stderr).toContain(`Exported ${trail.length} audit entries`);
  });

  it('refuses bad arguments with a list of problems and exit code 1', async () => {
    const env = { PATH: process.env.PATH, LOCAL_MODE: 'true', DATA_DIR: bot.dataDir };
    const failed = await run(process.execPath, ['--import', 'tsx', 'scripts/export-audit.ts', '--from', '2026-13-01'], { cwd: root, env }).catch(
      (error: { code?: number; stderr?: string }) => error,
    );
    expect('code' in failed && failed.code).toBe(1);
    expect('stderr' in failed ? failed.stderr : '').toContain('--from: expected a date YYYY-MM-DD');
    expect('stderr' in failed ? failed.stderr : '').toContain('--to: required');
  });
});
