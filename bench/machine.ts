import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** The machine the numbers were taken on, as one line. */
export function describeMachine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = `${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`;
  return `${model}, ${availableParallelism()} cores, ${memory}, Node ${process.version}, ${platform()} ${release()}`;
}

/** The 1-minute load average: anything well above 0 means other work shares the cores with the benchmark. */
export const loadAverage = (): string => (loadavg()[0] ?? 0).toFixed(2);
