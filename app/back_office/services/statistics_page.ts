import type { HttpContext } from '@adonisjs/core/http'
import type { StatisticsChart, StatisticsContext, StatisticsPeriod } from '#core/modules/statistics'
import { sendCsv } from '#core/services/csv_download'
import { PERIOD_KINDS } from '#back_office/services/statistics_period'
import { chartView } from '#back_office/services/statistics_charts'
import type {
  availableSections,
  StatisticsSectionResult,
} from '#back_office/services/statistics_sections'

const KIND_PARAM = Object.fromEntries(
  Object.entries(PERIOD_KINDS).map(([param, kind]) => [kind, param])
) as Record<string, string>

/** What the statistics page shows: the filters as chosen, each section's charts drawn, their CSV links. */
export function statisticsPage(
  ctx: HttpContext,
  context: StatisticsContext,
  sections: StatisticsSectionResult[],
  choices: ReturnType<typeof availableSections>,
  only: string | undefined
) {
  const { period } = context
  const t = context.t
  const qs = ctx.request.qs()
  const query = new URLSearchParams({ periode: KIND_PARAM[period.kind] })
  if (period.kind === 'custom') {
    query.set('du', period.from)
    query.set('au', period.to)
  } else query.set('date', period.from)
  return {
    period,
    periodParam: KIND_PARAM[period.kind],
    dateValue: typeof qs.date === 'string' && period.kind !== 'custom' ? qs.date : period.from,
    periodText: t('back_office.statistics.period_text', {
      from: period.from.split('-').reverse().join('/'),
      to: period.to.split('-').reverse().join('/'),
    }),
    scopeText: context.services
      ? t('back_office.statistics.scope_services', { services: context.services.join(', ') })
      : t('back_office.statistics.scope_all'),
    periodOptions: Object.entries(PERIOD_KINDS).map(([value, kind]) => ({
      value,
      label: t(`back_office.statistics.periods.${kind}`),
    })),
    moduleOptions: [
      { value: '', label: t('back_office.statistics.all_sections') },
      ...choices.map(({ item }) => ({ value: item.key, label: t(item.title) })),
    ],
    only: only ?? '',
    sections: sections.map((section) => ({
      ...section,
      id: `section-${section.key}`.replace(/_/g, '-'),
      views: section.charts.map((chart) => ({
        view: chartView(section.key, chart, context.locale, t),
        csvHref: `/agents/statistiques/export.csv?${new URLSearchParams({
          ...Object.fromEntries(query),
          module: section.key,
          graphique: chart.key,
        })}`,
      })),
    })),
  }
}

/** One chart's table as a CSV file: its header, then a row per label with the raw figures (cents, days, percents). */
export function sendChartCsv(
  ctx: HttpContext,
  section: string,
  chart: StatisticsChart,
  period: StatisticsPeriod
) {
  return sendCsv(ctx, {
    name: `statistiques-${section}-${chart.key}-${period.from}-${period.to}`.replace(/_/g, '-'),
    header: [chart.labelHeader, ...chart.columns.map((column) => column.label)],
    batches: (async function* () {
      yield chart.rows
    })(),
    toCells: (row) => [row.label, ...row.values],
  })
}
