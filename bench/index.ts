import { performance } from 'node:perf_hooks';
import { measureBareBot, type BareBotResults } from './bare-bot';
import type { LevelResult } from './levels';
import { describeMachine, loadAverage } from './machine';
import { measureMemory } from './memory';
import { median } from './stats';
import { measureStartup } from './startup';
import { measureSubmission, type SubmissionResults } from './submission';
import { measureSweep } from './sweep';
import { latencyRow, mib, ms, perSecond, renderTable, verdictOf, type Row, type SectionResult } from './table';

/**
 * `npm run bench`: every measurement on this machine over loopback, one markdown table with targets.
 * Exits 0 when targets are missed (they are listed under the table) and 1 only when a section failed to run.
 */
const targets = { submissionP99Ms: 50, ratioToBare: 1.5, heapBytesPerCase: 100 };

async function main(): Promise<void> {
  const begin = performance.now();
  console.log(`# SST Bridge benchmark\n\nMachine: ${describeMachine()}\nLoad average (1 min) at start: ${loadAverage()}\n`);
  const rows: Row[] = [];
  const notes: string[] = [];
  const failures: string[] = [];
  const run = async <T>(name: string, section: () => Promise<T>, toResult: (value: T) => SectionResult): Promise<T | undefined> => {
    console.error(`… ${name}`);
    try {
      const value = await section();
      const result = toResult(value);
      rows.push(...result.rows);
      notes.push(...result.notes);
      return value;
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      rows.push({ measure: name, load: '', p50: 'failed to run (see below)' });
      return undefined;
    }
  };

  const ours = await run('report submission (SST Bridge)', measureSubmission, submissionRows);
  const bare = await run('bare teams-ai bot', measureBareBot, bareRows);
  if (ours && bare) rows.push(...comparisonRows(ours, bare));
  await run('due-reminder sweep', loadSweepSection, (result) => result);
  await run('start-up', measureStartup, (times) => ({
    rows: [{ measure: 'start-up: spawn `tsx src/main.ts` → /healthz 200', load: `${times.length} runs, median`, p50: ms(median(times)) }],
    notes: [`Start-up runs: ${times.map(ms).join(', ')} (the first may include tsx filling its transform cache).`],
  }));
  await run('memory', measureMemory, (m) => {
    const perCase = (m.atLast.heapUsed - m.atFirst.heapUsed) / (m.lastCount - m.firstCount);
    const load = `after ${m.firstCount.toLocaleString('en')} → ${m.lastCount.toLocaleString('en')} submissions`;
    return {
      rows: [
        { measure: 'memory: RSS of the server after forced GC', load, p50: `${mib(m.atFirst.rss)} → ${mib(m.atLast.rss)}` },
        {
          measure: 'memory: V8 heap used after forced GC',
          load,
          p50: `${mib(m.atFirst.heapUsed)} → ${mib(m.atLast.heapUsed)} (${perCase.toFixed(0)} B per case)`,
          target: `flat: < ${targets.heapBytesPerCase} B per case`,
          verdict: verdictOf(perCase < targets.heapBytesPerCase),
        },
      ],
      notes: [`Memory: heap total ${mib(m.atFirst.heapTotal)} → ${mib(m.atLast.heapTotal)}, external ${mib(m.atFirst.external)} → ${mib(m.atLast.external)}.`],
    };
  });

  console.log(renderTable(rows));
  console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
  const misses = rows.filter((r) => r.verdict === 'MISS');
  console.log(misses.length === 0 ? '\nAll measured targets met.' : `\nMISSED TARGETS (${misses.length}):`);
  for (const m of misses) console.log(`  MISS  ${m.measure} (${m.load}): p99 ${m.p99 ?? m.p50 ?? '?'}, target ${m.target ?? '?'}`);
  console.log(`\nTook ${((performance.now() - begin) / 1000).toFixed(0)} s; load average (1 min) at the end: ${loadAverage()}.`);
  if (failures.length > 0) {
    console.error(`\n${failures.length} section(s) failed to run:\n${failures.join('\n\n')}`);
    process.exitCode = 1;
  }
}

function submissionRows(r: SubmissionResults): SectionResult {
  const rows: Row[] = [];
  for (const level of r.submit) {
    const atTarget = level.concurrency === 50;
    rows.push(
      latencyRow('report.submit invoke → HTTP response (confirmation card)', `c=${level.concurrency}`, level.summary, {
        ...(atTarget ? { target: `p99 ≤ ${targets.submissionP99Ms} ms`, verdict: verdictOf(level.summary.p99 <= targets.submissionP99Ms) } : {}),
      }),
    );
  }
  for (const level of r.endToEnd) {
    rows.push(latencyRow('report.submit → case card in all 3 team members\' chats (end to end)', `c=${level.concurrency}`, level.summary));
  }
  rows.push(latencyRow('same end to end, with Teams\' outbound rate limits', '10 reports/s offered', r.pacedEndToEnd));
  for (const level of r.help) rows.push(latencyRow('`hjälp` message → HTTP 200 (help card sent first)', `c=${level.concurrency}`, level.summary));
  return {
    rows,
    notes: [
      ...r.notes,
      cpuNote('SST Bridge report.submit', r.submit),
      cpuNote('SST Bridge end to end', r.endToEnd),
      cpuNote('SST Bridge `hjälp`', r.help),
    ],
  };
}

function bareRows(r: BareBotResults): SectionResult {
  const rows: Row[] = [];
  for (const level of r.echo) rows.push(latencyRow('bare bot: message → HTTP 200 (echo sent first)', `c=${level.concurrency}`, level.summary));
  for (const level of r.invoke) rows.push(latencyRow('bare bot: Action.Execute invoke → HTTP response (fixed card)', `c=${level.concurrency}`, level.summary));
  return { rows, notes: [cpuNote('bare echo', r.echo), cpuNote('bare invoke', r.invoke)] };
}

function comparisonRows(ours: SubmissionResults, bare: BareBotResults): Row[] {
  const ratio = (measure: string, mine: LevelResult[], floor: LevelResult[], target: boolean): Row => {
    const a = mine.find((l) => l.concurrency === 50)?.summary;
    const b = floor.find((l) => l.concurrency === 50)?.summary;
    if (!a || !b) return { measure, load: 'c=50', p50: 'n/a' };
    const x = (p: 'p50' | 'p95' | 'p99') => `${(a[p] / b[p]).toFixed(2)}×`;
    return {
      measure,
      load: 'c=50',
      p50: x('p50'),
      p95: x('p95'),
      p99: x('p99'),
      throughput: `${(a.throughput / b.throughput).toFixed(2)}×`,
      ...(target ? { target: `p99 ≤ ${targets.ratioToBare}×`, verdict: verdictOf(a.p99 / b.p99 <= targets.ratioToBare) } : {}),
    };
  };
  return [
    ratio('ratio: report.submit / bare echo (the stated target)', ours.submit, bare.echo, true),
    ratio('ratio: report.submit / bare invoke (same kind of request)', ours.submit, bare.invoke, false),
    ratio('ratio: `hjälp` / bare echo (same kind of request)', ours.help, bare.echo, false),
  ];
}

const cpuNote = (name: string, levels: LevelResult[]): string =>
  `CPU, ${name}: ${levels
    .map((l) => `c=${l.concurrency} server ${(l.serverCpu * 100).toFixed(0)} % / load+stand-in ${(l.loadCpu * 100).toFixed(0)} % of a core, ${perSecond(l.summary.throughput)}`)
    .join('; ')}.`;

/** The due-reminder sweep on 100,000 open cases (bench/sweep.ts). */
const loadSweepSection = (): Promise<SectionResult> => measureSweep();

await main();
