import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { slotPicker, weekLabel } from '#appointments/services/slot_picker'
import { createAgenda } from '#tests/support/factories/appointments'
import Closure from '#appointments/models/closure'
import { availableSlots } from '#appointments/services/slots'
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
    assert.equal(weekLabel('2026-12-28', 'fr'), '28 décembre 2026 – 3 janvier 2027')
    assert.equal(weekLabel('2026-12-28', 'en'), '28 December 2026 – 3 January 2027')
  })
})

test.group('Slot picker labels', () => {
  test('every week heading of three years reads as Luxon writes it, in French and in English', ({
    assert,
  }) => {
    for (const locale of ['fr', 'en']) {
      for (
        let monday = DateTime.fromISO('2026-01-05', { zone: 'Europe/Paris' });
        monday.year < 2029;
        monday = monday.plus({ weeks: 1 })
      ) {
        const sunday = monday.plus({ days: 6 }).setLocale(locale)
        const first = monday
          .setLocale(locale)
          .toFormat(monday.year === sunday.year ? 'd LLLL' : 'd LLLL yyyy')
        assert.equal(
          weekLabel(monday.toISODate()!, locale),
          `${first} – ${sunday.toFormat('d LLLL yyyy')}`
        )
      }
    }
  })

  test('in the week the clocks go back, days are named as Luxon names them and slots read in Paris time', async ({
    assert,
  }) => {
    clock.travelTo('2027-10-25T08:00', { freeze: true })
    const { point, type } = await createAgenda({ weekdays: [1, 2, 3, 4, 5, 6, 7] })
    for (const locale of ['fr', 'en']) {
      const picker = await slotPicker({
        point,
        type,
        persons: 1,
        week: '2027-10-25',
        day: '2027-10-31',
        link,
        locale,
      })
      assert.deepEqual(
        picker.days.map((day) => day.label),
        picker.days.map((day) =>
          DateTime.fromISO(day.iso, { zone: 'Europe/Paris' })
            .setLocale(locale)
            .toFormat('cccc d LLLL')
        )
      )
      assert.equal(picker.day, '2027-10-31')
      assert.isAbove(picker.slots.length, 0)
      for (const slot of picker.slots) {
        const start = DateTime.fromISO(slot.value, { zone: 'utc' })
        assert.equal(slot.value, start.toISO())
        assert.equal(slot.label, start.setZone('Europe/Paris').toFormat("HH'h'mm"))
      }
      // Sunday 31 October 2027 is in winter time: 08:00 in Paris is 07:00 UTC.
      assert.equal(picker.slots[0].label, '08h00')
      assert.equal(picker.slots[0].value, '2027-10-31T07:00:00.000Z')
    }
  })
})

/** Monday 30 November 2026, 9 a.m., at a weekdays agenda closed from today to `lastDay`. */
async function closedOnMondayMorningUntil(lastDay: string) {
  clock.travelTo('2026-11-30T09:00', { freeze: true })
  const agenda = await weekdaysOnly()
  await Closure.create({
    meetingPointId: agenda.point.id,
    startsOn: '2026-11-30',
    endsOn: lastDay,
    startsAt: null,
    endsAt: null,
    reason: 'Travaux',
  })
  return agenda
}

test.group('Slot picker without a week asked for', () => {
  test('it opens on the first week that has a free slot, several weeks ahead, with that week alone', async ({
    assert,
  }) => {
    const { point, type } = await closedOnMondayMorningUntil('2026-12-20')
    const picker = await slotPicker({ point, type, persons: 1, link })
    assert.equal(picker.week, '2026-12-21')
    assert.equal(picker.day, '2026-12-21')
    assert.isFalse(picker.empty)
    const week = await availableSlots(point, type, 1, '2026-12-21', '2026-12-27')
    assert.deepEqual(
      picker.days.map((day) => day.count),
      picker.days.map((day) => week.filter((slot) => slot.day === day.iso).length)
    )
    // Christmas Day is a public holiday; the week after has slots but is not shown.
    assert.equal(picker.days[4].count, 0)
    assert.isAbove(picker.days[0].count, 0)
    assert.equal(picker.previousUrl, link('2026-12-14'))
  })

  test('with no free slot in the whole booking window it stays on the current week, empty', async ({
    assert,
  }) => {
    const { point, type } = await closedOnMondayMorningUntil('2027-03-31')
    const picker = await slotPicker({ point, type, persons: 1, link })
    assert.equal(picker.week, '2026-11-30')
    assert.isTrue(picker.empty)
    assert.isNull(picker.day)
    assert.equal(picker.nextUrl, link('2026-12-07'))
  })
})
