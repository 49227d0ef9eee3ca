import { test } from '@japa/runner'
import { createRequire } from 'node:module'
import { parseIsoTimestamptz } from '#core/database/pg_timestamps'

// The pg driver's own reader of timestamps, the reference.
const parseDate = createRequire(import.meta.url)('postgres-date') as (text: string) => Date | number

const pad = (value: number, length = 2) => String(value).padStart(length, '0')

/** PostgreSQL's ISO text of an instant seen at this offset (seconds east of UTC), with these fraction digits. */
function isoText(ms: number, offset: number, fraction: string) {
  const local = new Date(ms + offset * 1000)
  const sign = offset < 0 ? '-' : '+'
  const size = Math.abs(offset)
  let zone = `${sign}${pad(Math.floor(size / 3600))}`
  if (size % 3600) zone += `:${pad(Math.floor((size % 3600) / 60))}`
  if (size % 60) zone += `:${pad(size % 60)}`
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${fraction ? `.${fraction}` : ''}${zone}`
  )
}

test.group('Reading PostgreSQL timestamps', () => {
  test('the ISO text PostgreSQL sends reads as the driver reads it: offsets, fractions, both sides of a year', ({
    assert,
  }) => {
    const offsets = [
      0,
      3600,
      7200,
      -10800,
      19800,
      20700,
      -34200,
      3600 * 14,
      5 * 3600 + 30 * 60 + 15,
    ]
    const fractions = ['', '1', '12', '123', '123456', '999999', '000001']
    let checked = 0
    for (
      let ms = Date.UTC(1999, 11, 31, 22);
      ms < Date.UTC(2031, 0, 2);
      ms += 86_400_000 * 37 + 3_600_000 * 5 + 61_000
    ) {
      for (const offset of offsets)
        for (const fraction of fractions) {
          const text = isoText(ms, offset, fraction)
          const expected = parseDate(text) as Date
          const read = parseIsoTimestamptz(text)
          if (read?.getTime() !== expected.getTime())
            assert.fail(`${text}: ${read?.toISOString()} ≠ ${expected.toISOString()}`)
          checked++
        }
    }
    assert.isAbove(checked, 10_000)
    assert.equal(
      parseIsoTimestamptz('2026-12-07 16:45:12.123456+00')!.toISOString(),
      '2026-12-07T16:45:12.123Z'
    )
    assert.equal(
      parseIsoTimestamptz('2026-03-29 03:00:00+02')!.toISOString(),
      '2026-03-29T01:00:00.000Z'
    )
  })

  test('any other shape is left to the driver', ({ assert }) => {
    for (const text of [
      'infinity',
      '-infinity',
      '0044-03-15 12:00:00+00 BC',
      '0099-01-01 00:00:00+00',
      '2026-12-07T16:45:12Z',
      '2026-12-07 16:45:12',
      '2026-12-07 16:45:12.+00',
      '2026-12-07 16:45:12+0x',
      'Mon Dec 07 16:45:12 2026 UTC',
    ])
      assert.isNull(parseIsoTimestamptz(text), text)
  })
})
