import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { slotPicker, weekLabel } from '#appointments/services/slot_picker'
import { createAgenda } from '#tests/support/factories/appointments'
import { clock } from '#core/clock'

/** An agenda open Monday to Friday, 08:00–18:00. */
const weekdaysOnly = () => createAgenda({ weekdays: [1, 2, 3, 4, 5] })
const link = (week: string, day?: string) => `/creneau?semaine=${week}${day ? `&jour=${day}` : ''}`

test.group('Slot picker heading', () => {
  test('on a Sunday, the picker moves to next week and its heading runs from that Monday to that Sunday', async ({
    assert,
  }) => {
    clock.travelTo('2026-11-29T16:00', { freeze: true })
    const { point, type } = await weekdaysOnly()
    const picker = await slotPicker({ point, type, persons: 1, link })
    assert.equal(picker.week, '2026-11-30')
    assert.equal(picker.weekLabel, '30 novembre – 6 décembre 2026')
    assert.equal(picker.days[0].iso, '2026-11-30')
    assert.equal(picker.days[6].iso, '2026-12-06')
  })

  test('on a Monday, the heading is the current week, Monday to Sunday', async ({ assert }) => {
    clock.travelTo('2026-11-30T09:00', { freeze: true })
    const { point, type } = await weekdaysOnly()
    const picker = await slotPicker({ point, type, persons: 1, link })
    assert.equal(picker.week, '2026-11-30')
    assert.equal(picker.weekLabel, '30 novembre – 6 décembre 2026')
    assert.isAbove(picker.days[0].count, 0, 'Monday still has slots at 9 a.m.')
  })

  test('a week asked for by its link has its own heading, whatever week holds free slots', async ({
    assert,
  }) => {
    clock.travelTo('2026-11-29T16:00', { freeze: true })
    const { point, type } = await weekdaysOnly()
    const picker = await slotPicker({ point, type, persons: 1, week: '2026-12-14', link })
    assert.equal(picker.weekLabel, '14 décembre – 20 décembre 2026')
  })

  test('a week across two years writes both years', ({ assert }) => {
    assert.equal(
      weekLabel(DateTime.fromISO('2026-12-28', { zone: 'Europe/Paris' }), 'fr'),
      '28 décembre 2026 – 3 janvier 2027'
    )
    assert.equal(
      weekLabel(DateTime.fromISO('2026-12-28', { zone: 'Europe/Paris' }), 'en'),
      '28 December 2026 – 3 January 2027'
    )
  })
})
