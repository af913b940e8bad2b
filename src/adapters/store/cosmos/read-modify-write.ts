import type { Container, ItemDefinition } from '@azure/cosmos';
import type { CosmosCall } from './cosmos-call';
import { cosmosStatusOf } from './cosmos-failure';

/** An item's value as this build reads it, with the concurrency token and server timestamp it was read at. */
export interface Versioned<T> {
  value: T;
  etag: string;
  /** Server time of the last write, in seconds since the epoch (`_ts`). */
  writtenAtSeconds: number;
}

export interface ItemCodec<T> {
  /** Reads a raw item (system properties included) into a value; throws when it does not fit. */
  decode(raw: unknown): Versioned<T>;
  /** The item to store for a value; must carry the id and partition key the item is addressed by. */
  encode(value: T): ItemDefinition;
}

export type Decision<T, S> = { write: T } | { stop: S };

export type ReadModifyWriteResult<T, S> =
  | { ok: true; written: Versioned<T> }
  | { ok: false; stopped: S }
  /** Someone else wrote between every read and write we tried. */
  | { ok: false; contended: true };

/**
 * Optimistic read-modify-write of one item. Reads it (undefined when absent), lets `decide` pick the next value
 * or stop, and writes only if nobody wrote in between: create-if-absent for a new item, replace with If-Match on
 * the `_etag` it read otherwise. When it loses that race (409, 412, or 404 for an item deleted meanwhile) it
 * reads again and asks `decide` again, at most `attempts` times, so `decide` must tolerate being asked twice.
 */
export async function readModifyWrite<T, S>(
  cosmos: CosmosCall,
  target: { container: Container; id: string; partitionKey: string },
  codec: ItemCodec<T>,
  decide: (current: Versioned<T> | undefined) => Decision<T, S> | Promise<Decision<T, S>>,
  attempts: number,
): Promise<ReadModifyWriteResult<T, S>> {
  const { container, id, partitionKey } = target;
  const item = container.item(id, partitionKey);
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const read = await cosmos('items/read', container, () => item.read());
    const current = read.resource === undefined ? undefined : codec.decode(read.resource);
    const decision = await decide(current);
    if ('stop' in decision) return { ok: false, stopped: decision.stop };
    const body = codec.encode(decision.write);
    try {
      const written =
        current === undefined
          ? await cosmos('items/create', container, () => container.items.create(body))
          : await cosmos('items/replace', container, () =>
              item.replace(body, { accessCondition: { type: 'IfMatch', condition: current.etag } }),
            );
      return { ok: true, written: codec.decode(written.resource) };
    } catch (error) {
      if (!isLostRace(cosmosStatusOf(error))) throw error;
    }
  }
  return { ok: false, contended: true };
}

function isLostRace(status: number | undefined): boolean {
  return status === 409 || status === 412 || status === 404;
}
