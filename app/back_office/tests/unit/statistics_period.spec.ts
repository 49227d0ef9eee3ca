import { test } from '@japa/runner'
import { clock } from '#core/clock'
import { statisticsPeriod } from '#back_office/services/statistics_period'
import { chartView } from '#back_office/services/statistics_charts'

const t = (key: string, data?: Record<string, unknown>) =>
  `${key}${data ? JSON.stringify(data) : ''}`

test.group('Statistics periods and charts', (group) => {
  group.each.setup(() => {
    clock.travelTo('2026-06-15T12:00:00', { freeze: true })
    return () => {
      clock.reset()
    }
  })

  test('a week, a month and a year hold the given day, cut by day, day and month', ({ assert }) => {
    const week = statisticsPeriod({ periode: 'semaine', date: '2026-06-10' }, 'fr')
    assert.deepInclude(week, {
      kind: 'week',
      from: '2026-06-08',
      to: '2026-06-14',
      wholeYear: null,
    })
    assert.lengthOf(week.buckets, 7)
    const month = statisticsPeriod({ periode: 'mois', date: '2024-02-10' }, 'fr')
    assert.deepInclude(month, { from: '2024-02-01', to: '2024-02-29' })
    assert.lengthOf(month.buckets, 29)
    const year = statisticsPeriod({ periode: 'annee', date: '2023-07-01' }, 'fr')
    assert.deepInclude(year, { from: '2023-01-01', to: '2023-12-31', wholeYear: 2023 })
    assert.deepEqual(year.buckets.map((bucket) => [bucket.from, bucket.to]).slice(0, 2), [
      ['2023-01-01', '2023-01-31'],
      ['2023-02-01', '2023-02-28'],
    ])
    assert.lengthOf(year.buckets, 12)
  })

  test('a free period is put in order, cut by month past 62 days, and capped at ten years; junk gives this year', ({
    assert,
  }) => {
    const short = statisticsPeriod({ periode: 'libre', du: '2026-03-31', au: '2026-03-01' }, 'fr')
    assert.deepInclude(short, { kind: 'custom', from: '2026-03-01', to: '2026-03-31' })
    assert.lengthOf(short.buckets, 31)
    const long = statisticsPeriod({ periode: 'libre', du: '2025-11-15', au: '2026-02-10' }, 'fr')
    assert.deepEqual(
      long.buckets.map((bucket) => [bucket.from, bucket.to]),
      [
        ['2025-11-15', '2025-11-30'],
        ['2025-12-01', '2025-12-31'],
        ['2026-01-01', '2026-01-31'],
        ['2026-02-01', '2026-02-10'],
      ]
    )
    const wholeYear = statisticsPeriod(
      { periode: 'libre', du: '2025-01-01', au: '2025-12-31' },
      'fr'
    )
    assert.equal(wholeYear.wholeYear, 2025)
    const huge = statisticsPeriod({ periode: 'libre', du: '2001-01-01', au: '2026-01-01' }, 'fr')
    assert.equal(huge.from, '2016-01-01')
    for (const junk of [
      {},
      { periode: 'siecle' },
      { periode: 'libre', du: '2026-02-31', au: '2026-03-01' },
      { periode: ['mois'], date: ['2026-01-01'] },
      { periode: 'mois', date: '9999-99-99' },
    ]) {
      const period = statisticsPeriod(junk, 'fr')
      assert.include(['2026-01-01', '2026-06-01'], period.from, JSON.stringify(junk))
    }
  })

  test('bars are as long as their figure against the largest, a line runs through every bucket, an empty chart says so', ({
    assert,
  }) => {
    const bars = chartView(
      'demandes',
      {
        key: 'filed_total',
        title: 'Titre',
        description: 'Description',
        kind: 'bar',
        labelHeader: 'Démarche',
        columns: [{ label: 'Nombre' }, { label: 'Part', unit: 'percent' }],
        rows: [
          { label: 'Une démarche au nom beaucoup trop long pour la marge', values: [10, 66.7] },
          { label: 'Courte', values: [5, 33.3] },
        ],
      },
      'fr',
      t
    )
    assert.equal(bars.id, 'graphique-demandes-filed-total')
    assert.equal(bars.bars[0].width, 2 * bars.bars[1].width)
    assert.isAtMost(bars.bars[0].label.length, 30)
    assert.deepEqual(bars.cells[1], ['Courte', '5', '33,3 %'])
    assert.isFalse(bars.empty)

    const line = chartView(
      'demandes',
      {
        key: 'over_time',
        title: 'Titre',
        description: 'Description',
        kind: 'line',
        labelHeader: 'Mois',
        columns: [{ label: 'Nombre' }],
        rows: [
          { label: 'janv.', values: [0] },
          { label: 'févr.', values: [4] },
          { label: 'mars', values: [2] },
        ],
      },
      'fr',
      t
    )
    assert.lengthOf(line.line!.dots, 3)
    assert.equal(line.line!.dots[0].y, line.line!.axisY)
    assert.isBelow(line.line!.dots[1].y, line.line!.dots[2].y)

    const empty = chartView(
      'demandes',
      {
        key: 'x',
        title: 'T',
        description: 'D',
        kind: 'bar',
        labelHeader: 'L',
        columns: [{ label: 'N' }],
        rows: [{ label: 'a', values: [0] }],
      },
      'fr',
      t
    )
    assert.isTrue(empty.empty)
  })
})
