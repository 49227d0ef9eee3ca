import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Appointment from '#appointments/models/appointment'
import Closure from '#appointments/models/closure'
import type MeetingPoint from '#appointments/models/meeting_point'
import type MeetingType from '#appointments/models/meeting_type'
import OpeningRange from '#appointments/models/opening_range'
import BookAppointment from '#appointments/actions/book_appointment'
import { cancelAppointment } from '#appointments/actions/change_appointment'
import { availableSlots, availableSlotsByPoint, ZONE } from '#appointments/services/slots'
import { parisWallClock } from '#core/services/paris_time'
import { isPublicHoliday } from '#core/services/french_calendar'
import { applicant, createAgenda } from '#tests/support/factories/appointments'
import { clock } from '#core/clock'

const FROM = '2026-10-12'
const TO = '2026-11-15'
const wall = (value: DateTime) => value.setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm")
/** Wall-clock time with its offset: the night the clocks go back has two 02:30s. */
const instant = (value: DateTime) => value.setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mmZZ")

/**
 * The slots as the rules say them, computed the slow and obvious way: Luxon
 * for every day and every slot, each slot checked against every booked
 * appointment and every closure. The engine must give exactly this.
 */
async function straightforward(point: MeetingPoint, type: MeetingType, persons: number) {
  const ranges = await OpeningRange.query().where('meetingPointId', point.id)
  const closures = await Closure.query().where((query) =>
    query.where('meetingPointId', point.id).orWhereNull('meetingPointId')
  )
  const bookings = await Appointment.query()
    .where('meetingPointId', point.id)
    .where('status', 'booked')
  const now = clock.now()
  const free = new Map<string, Set<number>>()
  const last = DateTime.fromISO(TO, { zone: ZONE })
  for (let day = DateTime.fromISO(FROM, { zone: ZONE }); day <= last; day = day.plus({ days: 1 })) {
    const iso = day.toISODate()!
    const at = (time: string) => DateTime.fromISO(`${iso}T${time}`, { zone: ZONE })
    const closed = closures.filter((closure) => iso >= closure.startsOn && iso <= closure.endsOn)
    if (isPublicHoliday(day) || closed.some((closure) => !closure.startsAt)) continue
    for (const range of ranges.filter((candidate) => candidate.weekday === day.weekday)) {
      const desks = range.desk ? [range.desk] : [...Array(point.desks).keys()].map((d) => d + 1)
      for (
        let start = at(range.startsAt);
        ;
        start = start.plus({ minutes: type.durationMinutes })
      ) {
        const end = start.plus({ minutes: type.durationFor(persons) })
        if (end > at(range.endsAt)) break
        if (start < now.plus({ hours: type.minDelayHours })) continue
        if (start > now.plus({ hours: 24 * type.maxDelayDays })) continue
        if (closed.some((c) => start < at(c.endsAt!) && end > at(c.startsAt!))) continue
        for (const desk of desks) {
          const taken = bookings.some(
            (booking) => booking.desk === desk && start < booking.endsAt && end > booking.startsAt
          )
          if (taken || desk > point.desks) continue
          const key = `${instant(start)} → ${instant(end)}`
          free.set(key, (free.get(key) ?? new Set()).add(desk))
        }
      }
    }
  }
  // In time order, which is not the text's order on the night of the change.
  const chronological = (key: string) => DateTime.fromISO(key.slice(0, 22)).toMillis()
  return [...free]
    .sort(([first], [second]) => chronological(first) - chronological(second))
    .map(([key, desks]) => `${key} ${[...desks].sort().join(',')}`)
}

const described = (slots: Awaited<ReturnType<typeof availableSlots>>) =>
  slots.map((slot) => `${instant(slot.start)} → ${instant(slot.end)} ${slot.freeDesks.join(',')}`)

test.group('Free slots computed in one pass', () => {
  test('equal the straightforward computation over five weeks with bookings, closures, holidays, a DST change and desks partly taken', async ({
    assert,
  }) => {
    clock.travelTo('2026-10-12T10:00:00', { freeze: true })
    const { point: townHall, type } = await createAgenda({
      desks: 3,
      weekdays: [1, 2, 3, 4, 5],
      type: { maxDelayDays: 30 },
    })
    const { point: annex } = await createAgenda({ desks: 2, weekdays: [2, 4] })
    await OpeningRange.createMany([
      // Saturday mornings at desk 2 only; a Sunday night range across the end of summer time
      // (25 October 2026: 03:00 CEST becomes 02:00 CET), and a desk the point does not have.
      { meetingPointId: townHall.id, desk: 2, weekday: 6, startsAt: '09:00', endsAt: '12:00' },
      { meetingPointId: townHall.id, desk: null, weekday: 7, startsAt: '01:30', endsAt: '04:00' },
      { meetingPointId: annex.id, desk: 3, weekday: 2, startsAt: '18:00', endsAt: '19:00' },
    ])
    await Closure.createMany([
      { meetingPointId: townHall.id, startsOn: '2026-10-21', endsOn: '2026-10-21', reason: 'x' },
      {
        meetingPointId: townHall.id,
        startsOn: '2026-10-22',
        endsOn: '2026-10-23',
        startsAt: '10:00',
        endsAt: '11:30',
        reason: 'Formation',
      },
      {
        meetingPointId: null,
        startsOn: '2026-11-03',
        endsOn: '2026-11-03',
        startsAt: '14:05',
        endsAt: '16:00',
        reason: 'Élections',
      },
    ])
    const book = (point: MeetingPoint, start: string, persons: number) =>
      new BookAppointment().handle({
        meetingPointId: point.id,
        meetingTypeId: type.id,
        persons,
        start: DateTime.fromISO(start, { zone: ZONE }),
        applicant,
      })
    // Two of three desks at 14:00, a three-person booking over 45 minutes, both
    // 02:30s of the night the clocks go back, and a booking cancelled since.
    await book(townHall, '2026-10-13T14:00', 1)
    await book(townHall, '2026-10-13T14:00', 1)
    await book(townHall, '2026-10-14T09:15', 3)
    await book(townHall, '2026-10-25T02:30+02:00', 1)
    await book(townHall, '2026-10-25T02:30+01:00', 2)
    await book(annex, '2026-10-15T08:00', 2)
    const cancelled = await book(annex, '2026-10-20T09:00', 1)
    await cancelAppointment(cancelled.id, 'resident')
    assert.lengthOf(await Appointment.query().where('status', 'booked'), 6)

    for (const persons of [1, 2, 4]) {
      const fast = await availableSlotsByPoint([townHall, annex], type, persons, FROM, TO)
      for (const point of [townHall, annex]) {
        const expected = await straightforward(point, type, persons)
        assert.isAbove(expected.length, 50)
        assert.deepEqual(described(fast.get(point.id)!), expected, `${point.name}, ${persons} p.`)
        const alone = await availableSlots(point, type, persons, FROM, TO)
        assert.deepEqual(described(alone), expected)
        for (const slot of alone)
          assert.equal(parisWallClock(slot.start.toMillis()), wall(slot.start))
      }
    }
  })
})
