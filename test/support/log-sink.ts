import { Writable } from 'node:stream';

/** Captures every JSON log line so tests can assert that no pupil data reaches the logs. */
export class LogSink extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.trim() !== ''));
    done();
  }

  events(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  contains(text: string): boolean {
    return this.lines.some((l) => l.includes(text));
  }
}
