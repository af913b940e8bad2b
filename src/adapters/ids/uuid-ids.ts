import { randomUUID } from 'node:crypto';
import type { IdSource } from '../../app/ports/ids';

export class UuidIds implements IdSource {
  newId(): string {
    return randomUUID();
  }
}
