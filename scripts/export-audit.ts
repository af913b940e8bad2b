/**
 * `npm run audit:export -- --from 2026-01-01 --to 2026-12-31 --format csv > audit.csv`: the audit trail of a
 * period (Stockholm dates, both included), optionally of one case, for the data-protection officer. Reads the
 * store the environment configures (the same variables as the bot: STORE, DATA_DIR, COSMOS_*), writes to
 * stdout and exits 1 with a list of problems. Audit entries hold ids and codes only, never pupil data.
 */
import { fromStockholmLocal, SystemClock } from '../src/adapters/clock/system-clock';
import { openCaseStore } from '../src/adapters/store/open-case-store';
import { loadConfig } from '../src/config/env';
import { addCalendarDays } from '../src/domain/calendar/calendar-date';
import { parseExportArgs } from './audit-export/export-args';
import { auditToCsv, auditToJson } from './audit-export/format-audit';

const parsed = parseExportArgs(process.argv.slice(2));
const loaded = loadConfig(process.env);
if (!parsed.ok || !loaded.ok) {
  console.error('The audit was not exported:');
  for (const problem of [...(parsed.ok ? [] : parsed.problems), ...(loaded.ok ? [] : loaded.errors)]) console.error(`  - ${problem}`);
  process.exit(1);
}

const { from, to, format, caseId } = parsed.args;
const store = await openCaseStore(loaded.config, new SystemClock());
try {
  const entries = await store.listAudit({
    from: fromStockholmLocal({ date: from, time: '00:00' }),
    to: fromStockholmLocal({ date: addCalendarDays(to, 1), time: '00:00' }),
    ...(caseId !== undefined ? { caseId } : {}),
  });
  process.stdout.write(format === 'csv' ? auditToCsv(entries) : auditToJson(entries));
  console.error(`Exported ${entries.length} audit entries from ${from} to ${to}${caseId !== undefined ? ` for case ${caseId}` : ''}.`);
} finally {
  await store.close();
}
