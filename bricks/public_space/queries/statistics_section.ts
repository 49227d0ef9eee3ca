import db from '@adonisjs/lucid/services/db'
import { readSettings } from '#core/services/settings'
import { percentOf, type StatisticsChart, type StatisticsContext } from '#core/modules/statistics'
import { publicSpaceSettings } from '../settings.js'
import { reportStatistics } from './statistics.js'

/**
 * The reports' section of /agents/statistiques: the figures of the brick's
 * own statistics page (/agents/signalements/statistiques, same queries) for
 * the period, as charts with their tables and CSV: per category, per area,
 * and the time to resolve with the reopen rate.
 */
export default async function publicSpaceStatistics(
  context: StatisticsContext
): Promise<StatisticsChart[]> {
  const { t, period } = context
  const services =
    context.services ?? (await db.from('services').select('slug')).map((row) => row.slug as string)
  const { areas } = await readSettings('public_space', publicSpaceSettings)
  const figures = await reportStatistics(services, period, areas)
  const s = (key: string, data: Record<string, unknown> = {}) =>
    t(`public_space.stats.${key}`, {
      from: period.from.split('-').reverse().join('/'),
      to: period.to.split('-').reverse().join('/'),
      ...data,
    })
  const columns = [
    { label: s('total') },
    { label: s('open') },
    { label: s('resolved') },
    { label: s('reopenings') },
  ]
  const values = (row: { total: number; open: number; resolved: number; reopenings: number }) => [
    row.total,
    row.open,
    row.resolved,
    row.reopenings,
  ]
  const days = (seconds: number | null) =>
    seconds === null ? null : Math.round((seconds / 86_400) * 10) / 10
  return [
    {
      key: 'categories',
      title: s('by_category'),
      description: s('section.categories', { count: figures.total }),
      kind: 'bar',
      labelHeader: t('public_space.fields.category'),
      columns,
      rows: figures.categories.map((row) => ({ label: row.label, values: values(row) })),
    },
    {
      key: 'areas',
      title: s('by_area'),
      description: s('section.areas'),
      kind: 'bar',
      labelHeader: s('area'),
      columns,
      rows: figures.areas.map((row) => ({
        label: row.label ?? s('outside_areas'),
        values: values(row),
      })),
    },
    {
      key: 'resolution',
      title: s('section.resolution_title'),
      description: s('section.resolution'),
      kind: 'bar',
      labelHeader: s('section.measure'),
      columns: [
        { label: s('median'), unit: 'days' },
        { label: s('p90'), unit: 'days' },
        { label: s('resolved') },
        { label: s('section.reopen_rate_percent'), unit: 'percent' },
      ],
      rows: [
        {
          label: s('section.all_reports'),
          values: [
            days(figures.resolution.medianSeconds),
            days(figures.resolution.p90Seconds),
            figures.resolution.count,
            percentOf(figures.reopen.reopened, figures.reopen.everResolved),
          ],
        },
      ],
    },
  ]
}
