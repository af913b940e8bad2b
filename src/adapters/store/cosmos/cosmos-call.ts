import type { Container } from '@azure/cosmos';
import { explainPermissionFailure } from './cosmos-failure';
import type { CosmosRetry } from './cosmos-retry';

export type ItemAction = 'items/read' | 'items/create' | 'items/replace' | 'items/upsert' | 'items/delete' | 'executeQuery';

/** One data-plane call: retried as its action allows, with 401/403 turned into an operator error. */
export type CosmosCall = <T>(action: ItemAction, container: Container, call: () => Promise<T>) => Promise<T>;

const operations: Record<ItemAction, string> = {
  'items/read': 'read item',
  'items/create': 'create item',
  // Patch is authorised by the same data action as replace.
  'items/replace': 'replace or patch item',
  'items/upsert': 'upsert item',
  'items/delete': 'delete item',
  executeQuery: 'query items',
};

export function createCosmosCall(retry: CosmosRetry): CosmosCall {
  return async (action, container, call) => {
    try {
      return await retry(action === 'items/read' || action === 'executeQuery' ? 'read' : 'write', call);
    } catch (error) {
      throw explainPermissionFailure(error, operations[action], `container "${container.id}"`, action);
    }
  };
}
