/**
 * The Bot Connector URL of each tenant, learned from the activities Teams sends (the HTTP edge and token
 * validation have vouched for them), with an optional configured default. It is needed to start a personal
 * chat with someone who has never written to the bot. Kept in memory: one entry per tenant.
 */
export class ServiceUrls {
  private readonly learned = new Map<string, string>();

  constructor(private readonly configured?: string) {}

  remember(tenantId: string, serviceUrl: string): void {
    this.learned.set(tenantId, serviceUrl);
  }

  urlFor(tenantId: string): string | undefined {
    return this.learned.get(tenantId) ?? this.configured;
  }
}
