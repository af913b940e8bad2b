import type { DeliveryLedger } from '../../../app/ports/deliveries';

/**
 * The ledger of the notifier the outbox sends through: none. The outbox's drainer asks the delivery records
 * before each send and records each delivery itself (src/app/outbox/outbox-drainer.ts), so the notifier
 * neither skips nor records anything.
 */
export const outboxDeliveryLedger: DeliveryLedger = {
  keepsDeliveryRecords: false,
  find: async () => undefined,
  record: async () => undefined,
};
