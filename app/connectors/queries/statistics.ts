import db from '@adonisjs/lucid/services/db'
import type { StatisticsChart, StatisticsContext } from '#core/modules/statistics'
import { storedTimestamp } from '#core/database/dialect'

/**
 * The connectors' section of /agents/statistiques, for admins only (outside
 * services are the whole city's: see adminsOnly in the manifest): the failed calls to each outside service
 * (SMTP, ANTS, PayFiP…) since the portal was installed, as /metrics counts
 * them, and how long ago the last one failed. The counters are totals: the
 * period does not cut them.
 */
export default async function connectorsStatistics(
  context: StatisticsContext
): Promise<StatisticsChart[]> {
  const { t } = context
  const rows = await db
    .from('connector_failures')
    .select('connector', 'failures', 'last_failed_at')
    .orderBy('failures', 'desc')
    .orderBy('connector')
  return [
    {
      key: 'failures',
      title: t('connectors.statistics.failures.title'),
      description: t('connectors.statistics.failures.description'),
      kind: 'bar',
      labelHeader: t('connectors.statistics.connector'),
      columns: [
        { label: t('connectors.statistics.failures.count') },
        { label: t('connectors.statistics.failures.days_since_last'), unit: 'days' },
      ],
      rows: rows.map((row) => {
        const last = storedTimestamp(row.last_failed_at)
        return {
          label: row.connector,
          values: [
            Number(row.failures),
            last ? Math.floor(context.now.diff(last).as('days')) : null,
          ],
        }
      }),
    },
  ]
}
