import type { StatisticsFacts, StatisticsFactsQuery } from '../../domain/statistics/statistics-facts';

/**
 * Aggregates for the anonymous statistics (issue #16), computed by the store itself (SQL GROUP BY in SQLite, a
 * GROUP BY query in Cosmos DB) over each case's statistics row, never by loading cases. Every CaseStore has it.
 */
export interface StatisticsStore {
  statisticsFacts(query: StatisticsFactsQuery): Promise<StatisticsFacts>;
}
