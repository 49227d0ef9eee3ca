import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  addDays,
  dayParts,
  isCalendarDay,
  mondayOf,
  parisDay,
  parisOffset,
  parisWallClock,
  weekdayOf,
} from '#core/services/paris_time'

const PARIS = 'Europe/Paris'

test.group('Paris time in plain milliseconds', () => {
  test('every hour of two years, across both clock changes, reads as Luxon reads it', ({
    assert,
  }) => {
    const end = DateTime.fromISO('2028-01-01T00:00:00Z').toMillis()
    for (let at = DateTime.fromISO('2026-01-01T00:30:00Z').toMillis(); at < end; at += 3_600_000) {
      const paris = DateTime.fromMillis(at, { zone: PARIS })
      assert.equal(parisOffset(at), paris.offset)
      assert.equal(parisWallClock(at), paris.toFormat("yyyy-MM-dd'T'HH:mm"))
      assert.equal(parisDay(at), paris.toISODate())
    }
  })

  test('just before and after midnight in Paris, winter and summer, the day is Paris’s', ({
    assert,
  }) => {
    assert.equal(parisDay(Date.parse('2026-12-31T22:59:00Z')), '2026-12-31')
    assert.equal(parisDay(Date.parse('2026-12-31T23:00:00Z')), '2027-01-01')
    assert.equal(parisDay(Date.parse('2027-06-30T21:59:00Z')), '2027-06-30')
    assert.equal(parisDay(Date.parse('2027-06-30T22:00:00Z')), '2027-07-01')
  })
})

test.group('Calendar days as text', () => {
  test('days are added on the calendar, across months, years and clock changes', ({ assert }) => {
    assert.equal(addDays('2026-12-28', 6), '2027-01-03')
    assert.equal(addDays('2027-03-27', 1), '2027-03-28')
    assert.equal(addDays('2027-03-28', 1), '2027-03-29')
    assert.equal(addDays('2027-10-31', -7), '2027-10-24')
    assert.equal(addDays('2028-02-28', 1), '2028-02-29')
  })

  test('weekdays and Mondays agree with Luxon for every day of three years', ({ assert }) => {
    for (
      let day = DateTime.fromISO('2026-01-01', { zone: PARIS });
      day.year < 2029;
      day = day.plus({ days: 1 })
    ) {
      const iso = day.toISODate()!
      assert.equal(weekdayOf(iso), day.weekday)
      assert.equal(mondayOf(iso), day.startOf('week').toISODate())
      assert.deepEqual(dayParts(iso), { year: day.year, month: day.month, date: day.day })
    }
  })

  test('only real days are calendar days', ({ assert }) => {
    assert.isTrue(isCalendarDay('2028-02-29'))
    assert.isFalse(isCalendarDay('2027-02-29'))
    assert.isFalse(isCalendarDay('2026-02-30'))
    assert.isFalse(isCalendarDay('2026-13-01'))
    assert.isFalse(isCalendarDay('26-01-01'))
    assert.isFalse(isCalendarDay('2026-01-01T00:00'))
  })
})
