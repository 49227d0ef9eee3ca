import db from '@adonisjs/lucid/services/db'
import modules from '#core/services/modules'
import { percentOf, type StatisticsChart, type StatisticsContext } from '#core/modules/statistics'

/**
 * The activities' section of /agents/statistiques (childhood, seniors… each
 * brick's activities run on this engine): for the sessions held within the
 * period, per activity, the places offered, the places taken, the fill rate
 * and the registrations waiting for a place. An agent counts the activities
 * of the bricks their services serve; an admin every one.
 */
export default async function activitiesStatistics(
  context: StatisticsContext
): Promise<StatisticsChart[]> {
  const { t, period, services } = context
  const owners = modules
    .enabledModules()
    .filter(
      ({ definition }) =>
        services === null ||
        (definition.services ?? []).some((service) => services.includes(service.slug))
    )
    .map(({ definition }) => definition.name)
  const sessions = () =>
    db
      .from('activity_sessions')
      .join('activities as a', 'a.id', 'activity_sessions.activity_id')
      .whereIn('activity_sessions.owner', owners.length ? owners : ['-'])
      .where('activity_sessions.starts_on', '>=', period.from)
      .where('activity_sessions.starts_on', '<=', period.to)
  const [places, registrations] = await Promise.all([
    sessions()
      .select('a.id', 'a.name', 'a.owner')
      .count('* as sessions')
      .sum('activity_sessions.capacity as capacity')
      .groupBy('a.id', 'a.name', 'a.owner'),
    sessions()
      .join('activity_registrations', 'activity_registrations.session_id', 'activity_sessions.id')
      .whereIn('activity_registrations.status', ['placed', 'waiting'])
      .select('a.id')
      .select(
        db.raw(`sum(case when activity_registrations.status = 'placed' then activity_registrations.seats else 0 end) as taken,
          sum(case when activity_registrations.status = 'waiting' then 1 else 0 end) as waiting`)
      )
      .groupBy('a.id'),
  ])
  const number = (value: unknown) => Number(value ?? 0)
  const byActivity = new Map(registrations.map((row: any) => [Number(row.id), row]))
  const s = (key: string) =>
    t(`activities.statistics.${key}`, {
      from: period.from.split('-').reverse().join('/'),
      to: period.to.split('-').reverse().join('/'),
    })
  const ownerLabel = (owner: string) => {
    const label = modules.get(owner)?.definition.label
    return label ? t(label) : owner
  }
  return [
    {
      key: 'fill',
      title: s('fill.title'),
      description: s('fill.description'),
      kind: 'bar',
      labelHeader: s('activity'),
      columns: [
        { label: s('sessions') },
        { label: s('capacity') },
        { label: s('taken') },
        { label: s('fill_rate'), unit: 'percent' },
        { label: s('waiting') },
      ],
      plotted: 3,
      rows: places
        .map((row: any) => {
          const capacity = number(row.capacity)
          const taken = number(byActivity.get(Number(row.id))?.taken)
          return {
            label: `${row.name} (${ownerLabel(row.owner)})`,
            values: [
              number(row.sessions),
              capacity,
              taken,
              percentOf(taken, capacity),
              number(byActivity.get(Number(row.id))?.waiting),
            ],
          }
        })
        .sort((a, b) => a.label.localeCompare(b.label)),
    },
  ]
}
