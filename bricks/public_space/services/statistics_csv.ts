import type { HttpContext } from '@adonisjs/core/http'
import { sendCsv } from '#core/services/csv_download'
import type { reportStatistics } from '../queries/statistics.js'

type Figures = Awaited<ReturnType<typeof reportStatistics>>

/** The statistics' tables as one CSV file: a row per category, then per area (figures only, nothing personal). */
export function sendStatisticsCsv(ctx: HttpContext, figures: Figures) {
  const t = (key: string) => ctx.i18n.t(`public_space.stats.${key}`)
  const rows = [
    ...figures.categories.map((row) => [t('csv_category'), row.label, row] as const),
    ...figures.areas.map((row) => [t('csv_area'), row.label ?? t('outside_areas'), row] as const),
  ]
  return sendCsv(ctx, {
    name: `statistiques-signalements-${figures.period.from}-${figures.period.to}`,
    header: [t('csv_kind'), t('csv_name'), t('total'), t('open'), t('resolved'), t('reopenings')],
    batches: (async function* () {
      yield rows
    })(),
    toCells: ([kind, name, row]) => [kind, name, row.total, row.open, row.resolved, row.reopenings],
  })
}

/** The page's sentences: median and 90th-percentile times to resolve in days, the reopen rate with its counts. */
export function statisticsTexts(figures: Figures, i18n: HttpContext['i18n']) {
  const locale = i18n.locale
  const none = i18n.t('public_space.stats.none')
  const days = (seconds: number | null) =>
    seconds === null
      ? none
      : i18n.t('public_space.stats.days', {
          days: (seconds / 86_400).toLocaleString(locale, { maximumFractionDigits: 1 }),
        })
  const { rate, reopened, everResolved } = figures.reopen
  return {
    medianText: days(figures.resolution.medianSeconds),
    p90Text: days(figures.resolution.p90Seconds),
    reopenText:
      rate === null
        ? none
        : `${(rate * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} % (${reopened}/${everResolved})`,
  }
}
