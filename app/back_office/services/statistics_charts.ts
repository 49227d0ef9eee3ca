import type { StatisticsChart, StatisticsUnit } from '#core/modules/statistics'

/*
 * Turns a section's chart (a table of figures) into what the Edge component
 * draws: the SVG's geometry, computed here so that the template only places
 * shapes, and the table's cells as text. Sizes are in the SVG's own units; CSS
 * scales it to the column's width, so no style is written in the page (CSP).
 */

const WIDTH = 640
const LABEL_WIDTH = 220
const ROW_HEIGHT = 26
const BAR_HEIGHT = 18
const TOP = 8
const VALUE_SPACE = 90
const LINE_HEIGHT = 240
const LINE_LEFT = 56
const LINE_BOTTOM = 40
const LINE_RIGHT = 16
const MAX_LABEL = 30
/** At most this many labels under a line chart's axis (every nth bucket). */
const AXIS_LABELS = 12

export function formatFigure(
  value: number | null,
  unit: StatisticsUnit | undefined,
  locale: string,
  t: (key: string, data?: Record<string, unknown>) => string
) {
  if (value === null || value === undefined) return t('back_office.statistics.none')
  switch (unit) {
    case 'days':
      return t('back_office.statistics.days', {
        days: value.toLocaleString(locale, { maximumFractionDigits: 1 }),
      })
    case 'percent':
      return `${value.toLocaleString(locale, { maximumFractionDigits: 1 })} %`
    case 'cents':
      return (value / 100).toLocaleString(locale, { style: 'currency', currency: 'EUR' })
    default:
      return value.toLocaleString(locale)
  }
}

function shorten(label: string) {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label
}

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten. */
function niceMax(value: number) {
  if (value <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power
}

export interface ChartView {
  id: string
  chart: StatisticsChart
  kind: 'bar' | 'line'
  width: number
  height: number
  bars: {
    x: number
    y: number
    width: number
    height: number
    labelY: number
    label: string
    value: string
    valueX: number
  }[]
  line: {
    points: string
    dots: { x: number; y: number }[]
    ticks: { y: number; label: string }[]
    labels: { x: number; label: string }[]
    axisY: number
    left: number
    right: number
  } | null
  header: { label: string; numeric: boolean }[]
  cells: string[][]
  empty: boolean
}

export function chartView(
  section: string,
  chart: StatisticsChart,
  locale: string,
  t: (key: string, data?: Record<string, unknown>) => string
): ChartView {
  const plotted = chart.plotted ?? 0
  const unit = chart.columns[plotted]?.unit
  const values = chart.rows.map((row) => row.values[plotted] ?? 0)
  const max = Math.max(0, ...values)
  const format = (value: number | null, columnUnit: StatisticsUnit | undefined = unit) =>
    formatFigure(value, columnUnit, locale, t)
  const view: ChartView = {
    id: `graphique-${section}-${chart.key}`.replace(/_/g, '-'),
    chart,
    kind: chart.kind,
    width: WIDTH,
    height: 0,
    bars: [],
    line: null,
    header: [
      { label: chart.labelHeader, numeric: false },
      ...chart.columns.map((column) => ({ label: column.label, numeric: true })),
    ],
    cells: chart.rows.map((row) => [
      row.label,
      ...row.values.map((value, index) =>
        formatFigure(value, chart.columns[index]?.unit, locale, t)
      ),
    ]),
    empty: chart.rows.length === 0 || (chart.kind === 'bar' && max === 0),
  }
  if (chart.kind === 'bar') {
    const span = WIDTH - LABEL_WIDTH - VALUE_SPACE
    view.height = TOP * 2 + Math.max(1, chart.rows.length) * ROW_HEIGHT
    view.bars = chart.rows.map((row, index) => {
      const value = row.values[plotted] ?? 0
      const width = max > 0 ? Math.max(value > 0 ? 1 : 0, Math.round((value / max) * span)) : 0
      const y = TOP + index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
      return {
        x: LABEL_WIDTH,
        y,
        width,
        height: BAR_HEIGHT,
        labelY: y + BAR_HEIGHT - 4,
        label: shorten(row.label),
        value: format(row.values[plotted] ?? null),
        valueX: LABEL_WIDTH + width + 6,
      }
    })
  } else {
    const top = niceMax(max)
    const plotWidth = WIDTH - LINE_LEFT - LINE_RIGHT
    const plotHeight = LINE_HEIGHT - LINE_BOTTOM - TOP
    const step = chart.rows.length > 1 ? plotWidth / (chart.rows.length - 1) : 0
    const x = (index: number) =>
      Math.round(LINE_LEFT + (chart.rows.length > 1 ? index * step : plotWidth / 2))
    const y = (value: number) => Math.round(TOP + plotHeight - (value / top) * plotHeight)
    const dots = values.map((value, index) => ({ x: x(index), y: y(value) }))
    const every = Math.max(1, Math.ceil(chart.rows.length / AXIS_LABELS))
    view.height = LINE_HEIGHT
    view.line = {
      points: dots.map((dot) => `${dot.x},${dot.y}`).join(' '),
      dots,
      ticks: [0, top / 2, top].map((value) => ({ y: y(value), label: format(value) })),
      labels: chart.rows
        .map((row, index) => ({ x: x(index), label: shorten(row.label), index }))
        .filter(({ index }) => index % every === 0)
        .map(({ x: at, label }) => ({ x: at, label })),
      axisY: y(0),
      left: LINE_LEFT,
      right: WIDTH - LINE_RIGHT,
    }
  }
  return view
}
