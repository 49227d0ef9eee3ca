import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import { periodRange, type StatisticsChart, type StatisticsContext } from '#core/modules/statistics'
import { FINANCE_SERVICE } from '#payments/finance_service'

/**
 * The payments' section of /agents/statistiques, per service: the invoices
 * issued within the period (count and amount), the payments received within
 * it, online (PayFiP) or at the desk (cash, cheque, card terminal), and what
 * is still unpaid of the period's invoices, past due or not. The finance
 * service counts every service's invoices, as it sees them.
 */
export default async function paymentsStatistics(
  context: StatisticsContext
): Promise<StatisticsChart[]> {
  const { t, period } = context
  const services = context.services?.includes(FINANCE_SERVICE) ? null : context.services
  const { start, end } = periodRange(period)
  const scoped = <T extends DatabaseQueryBuilderContract<any>>(query: T, column: string) =>
    (services ? query.whereIn(column, services) : query) as T
  const today = clock.today()
  const [issued, paid] = await Promise.all([
    scoped(db.from('invoices'), 'service_slug')
      .whereNot('status', 'cancelled')
      .where('created_at', '>=', dbTimestamp(start))
      .where('created_at', '<', dbTimestamp(end))
      .select('service_slug')
      .select(
        db.raw(
          `count(*) as issued, sum(amount_cents) as amount,
           sum(case when status in ('issued', 'partly_paid') then amount_cents - paid_cents - credited_cents else 0 end) as unpaid,
           sum(case when status in ('issued', 'partly_paid') and due_on < ? then amount_cents - paid_cents - credited_cents else 0 end) as overdue`,
          [today]
        )
      )
      .groupBy('service_slug'),
    scoped(
      db.from('payments as p').join('invoices', 'invoices.id', 'p.invoice_id'),
      'invoices.service_slug'
    )
      .where('p.status', 'paid')
      .where('p.paid_at', '>=', dbTimestamp(start))
      .where('p.paid_at', '<', dbTimestamp(end))
      .select('invoices.service_slug')
      .select(
        db.raw(`sum(case when p.method is null then p.amount_cents else 0 end) as online,
          sum(case when p.method is null then 1 else 0 end) as online_count,
          sum(case when p.method is not null then p.amount_cents else 0 end) as desk,
          sum(case when p.method is not null then 1 else 0 end) as desk_count`)
      )
      .groupBy('invoices.service_slug'),
  ])
  const number = (value: unknown) => Number(value ?? 0)
  const s = (key: string) =>
    t(`payments.statistics.${key}`, {
      from: period.from.split('-').reverse().join('/'),
      to: period.to.split('-').reverse().join('/'),
    })
  const slugs = [
    ...new Set([...issued, ...paid].map((row: any) => row.service_slug as string)),
  ].sort()
  const names = new Map(
    (
      await db
        .from('services')
        .whereIn('slug', slugs.length ? slugs : ['-'])
        .select('slug', 'name')
    ).map((row) => [row.slug, row.name])
  )
  const issuedBy = new Map(issued.map((row: any) => [row.service_slug, row]))
  const paidBy = new Map(paid.map((row: any) => [row.service_slug, row]))
  return [
    {
      key: 'invoices',
      title: s('invoices.title'),
      description: s('invoices.description'),
      kind: 'bar',
      labelHeader: s('service'),
      columns: [
        { label: s('issued') },
        { label: s('amount'), unit: 'cents' },
        { label: s('unpaid'), unit: 'cents' },
        { label: s('overdue'), unit: 'cents' },
      ],
      plotted: 1,
      rows: slugs
        .filter((slug) => issuedBy.has(slug))
        .map((slug) => {
          const row = issuedBy.get(slug)
          return {
            label: names.get(slug) ?? slug,
            values: [
              number(row.issued),
              number(row.amount),
              number(row.unpaid),
              number(row.overdue),
            ],
          }
        }),
    },
    {
      key: 'payments',
      title: s('received.title'),
      description: s('received.description'),
      kind: 'bar',
      labelHeader: s('service'),
      columns: [
        { label: s('online'), unit: 'cents' },
        { label: s('online_count') },
        { label: s('desk'), unit: 'cents' },
        { label: s('desk_count') },
      ],
      rows: slugs
        .filter((slug) => paidBy.has(slug))
        .map((slug) => {
          const row = paidBy.get(slug)
          return {
            label: names.get(slug) ?? slug,
            values: [
              number(row.online),
              number(row.online_count),
              number(row.desk),
              number(row.desk_count),
            ],
          }
        }),
    },
  ]
}
