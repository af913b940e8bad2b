/**
 * `npm run stats:export -- --from 2026-08-01 --to 2027-06-30 [--district FAR] --format csv > statistics.csv`: the
 * anonymous statistics of a period (whole months), for one district or every district, for the city's evaluation.
 * Reads the store and the directory the environment configures (the same variables as the bot), writes to stdout
 * and exits 1 with a list of problems. Only aggregates, with small cells suppressed (docs/statistics.md).
 */
import { calendarOf } from '../src/adapters/calendar/calendar-of';
import { SystemClock } from '../src/adapters/clock/system-clock';
import { openCaseStore } from '../src/adapters/store/open-case-store';
import { loadDirectoryFile } from '../src/config/directory';
import { loadConfig } from '../src/config/env';
import { exportStatistics } from './statistics-export/export-statistics';
import { parseStatisticsExportArgs } from './statistics-export/statistics-export-args';

const parsed = parseStatisticsExportArgs(process.argv.slice(2));
const loaded = loadConfig(process.env);
if (!parsed.ok || !loaded.ok) {
  console.error('The statistics were not exported:');
  for (const problem of [...(parsed.ok ? [] : parsed.problems), ...(loaded.ok ? [] : loaded.errors)]) console.error(`  - ${problem}`);
  process.exit(1);
}

const directory = loadDirectoryFile(loaded.config.directoryFile);
const clock = new SystemClock();
const store = await openCaseStore(loaded.config, clock);
try {
  const result = await exportStatistics({ store, clock, directory: () => directory, calendar: () => calendarOf(directory) }, parsed.args);
  if (!result.ok) {
    console.error(`The statistics were not exported:\n  - ${result.problem}`);
    process.exitCode = 1;
  } else {
    process.stdout.write(result.text);
    console.error(`Exported the statistics from ${result.report.query.from} to ${result.report.query.to} for ${result.report.query.districtCodes.join(', ')}.`);
  }
} finally {
  await store.close();
}
