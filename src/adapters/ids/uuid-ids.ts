import { randomUUID } from 'node:crypto';
import type { IdSource } from '../../app/ports';

export class UuidIds implements IdSource {
  newId(): string {
    return randomUUID();
  }
}
