/**
 * Runs `work` on every item, at most `limit` at once, taking items in order. Settles when every item's work has
 * ended, and then rejects with the first failure if there was one (a failing item stops only its own worker).
 */
export async function eachAtOnce<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  };
  const ended = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  const failed = ended.find((outcome) => outcome.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
}
