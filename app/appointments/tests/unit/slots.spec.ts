import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { computeSlots, type SlotInput } from '#appointments/services/slots'

const type = {
  durationMinutes: 15,
  minDelayHours: 2,
  maxDelayDays: 400,
  durationFor(persons: number) {
    return 15 * persons
  },
}
const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({
  desk: null,
  weekday,
  startsAt: '09:00',
  endsAt: '12:00',
}))

function input(overrides: Partial<SlotInput>): SlotInput {
  return {
    point: { id: 1, desks: 1 },
    type,
    persons: 1,
    from: '2026-03-02',
    to: '2026-03-02',
    now: DateTime.fromISO('2026-01-05T08:00:00', { zone: 'Europe/Paris' }),
    ranges: weekdays,
    closures: [],
    occupied: new Map(),
    ...overrides,
  }
}

const paris = (slot: { start: DateTime }) =>
  slot.start.setZone('Europe/Paris').toFormat("yyyy-MM-dd'T'HH:mm")

test.group('Slots of an agenda', () => {
  test('a morning of 09:00–12:00 gives twelve quarter-hours, the last at 11:45', ({ assert }) => {
    const slots = computeSlots(input({}))
    assert.lengthOf(slots, 12)
    assert.equal(paris(slots[0]), '2026-03-02T09:00')
    assert.equal(paris(slots[11]), '2026-03-02T11:45')
  })

  test('three persons need 45 minutes: the last start is 11:15, and nothing is offered outside opening hours', ({
    assert,
  }) => {
    const slots = computeSlots(input({ persons: 3 }))
    assert.equal(paris(slots[slots.length - 1]), '2026-03-02T11:15')
    assert.isTrue(
      slots.every(
        (slot) =>
          slot.start.setZone('Europe/Paris').hour >= 9 &&
          slot.end.setZone('Europe/Paris') <=
            DateTime.fromISO('2026-03-02T12:00', { zone: 'Europe/Paris' })
      )
    )
    assert.lengthOf(
      computeSlots(input({ from: '2026-03-07', to: '2026-03-08' })),
      0,
      'no range on the weekend'
    )
  })

  test('no slot on French public holidays of 2026 and 2027, Easter Monday, Ascension and Whit Monday included', ({
    assert,
  }) => {
    for (const day of [
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-11-11',
      '2027-03-29',
      '2027-05-06',
      '2027-05-17',
      '2027-11-01',
    ]) {
      assert.lengthOf(computeSlots(input({ from: day, to: day })), 0, day)
    }
    assert.lengthOf(
      computeSlots(input({ from: '2026-04-07', to: '2026-04-07' })),
      12,
      'the day after Easter Monday is open'
    )
  })

  test('a closure removes its days, and a partial closure only its hours', ({ assert }) => {
    const whole = computeSlots(
      input({
        closures: [
          {
            meetingPointId: 1,
            startsOn: '2026-03-02',
            endsOn: '2026-03-03',
            startsAt: null,
            endsAt: null,
          },
        ],
        from: '2026-03-02',
        to: '2026-03-04',
      })
    )
    assert.deepEqual(
      [...new Set(whole.map((slot) => slot.start.setZone('Europe/Paris').toISODate()))],
      ['2026-03-04']
    )
    const morning = computeSlots(
      input({
        closures: [
          {
            meetingPointId: null,
            startsOn: '2026-03-02',
            endsOn: '2026-03-02',
            startsAt: '10:00',
            endsAt: '11:00',
          },
        ],
      })
    )
    assert.notInclude(morning.map(paris), '2026-03-02T10:00')
    assert.notInclude(morning.map(paris), '2026-03-02T09:50')
    assert.include(morning.map(paris), '2026-03-02T09:45')
    assert.include(morning.map(paris), '2026-03-02T11:00')
    const elsewhere = computeSlots(
      input({
        closures: [
          {
            meetingPointId: 2,
            startsOn: '2026-03-02',
            endsOn: '2026-03-02',
            startsAt: null,
            endsAt: null,
          },
        ],
      })
    )
    assert.lengthOf(elsewhere, 12, 'another point’s closure does not apply')
  })

  test('the minimum and maximum booking delays are respected', ({ assert }) => {
    const now = DateTime.fromISO('2026-03-02T08:30:00', { zone: 'Europe/Paris' })
    const slots = computeSlots(input({ now }))
    assert.equal(paris(slots[0]), '2026-03-02T10:30')
    const far = computeSlots(
      input({ now, type: { ...type, maxDelayDays: 1 }, from: '2026-03-02', to: '2026-03-05' })
    )
    assert.isTrue(far.every((slot) => slot.start <= now.plus({ days: 1 })))
  })

  test('09:00 stays 09:00 in Paris across the daylight-saving changes of 2026 and 2027', ({
    assert,
  }) => {
    const ranges = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      desk: null,
      weekday,
      startsAt: '09:00',
      endsAt: '10:00',
    }))
    const cases = [
      ['2026-03-28', '08:00'], // Saturday, winter time: UTC+1
      ['2026-03-29', '07:00'], // Sunday, summer time starts at 02:00: UTC+2
      ['2026-10-24', '07:00'],
      ['2026-10-25', '08:00'], // back to winter time
      ['2027-03-27', '08:00'],
      ['2027-03-28', '07:00'],
      ['2027-10-30', '07:00'],
      ['2027-10-31', '08:00'],
    ]
    for (const [day, utc] of cases) {
      const slots = computeSlots(
        input({ ranges, from: day, to: day, type: { ...type, maxDelayDays: 1000 } })
      )
      assert.equal(slots[0].start.setZone('Europe/Paris').toFormat('HH:mm'), '09:00', day)
      assert.equal(slots[0].start.toUTC().toFormat('HH:mm'), utc, day)
      assert.lengthOf(slots, 4, day)
    }
  })

  test('a range across the night of the change keeps real durations (an early range on the 2026 spring change)', ({
    assert,
  }) => {
    const ranges = [{ desk: null, weekday: 7, startsAt: '01:00', endsAt: '04:00' }]
    const slots = computeSlots(
      input({
        ranges,
        from: '2026-03-29',
        to: '2026-03-29',
        type: { ...type, durationMinutes: 60, durationFor: () => 60 },
      })
    )
    // 01:00 → 04:00 wall clock is only two real hours that night: two one-hour slots, not three.
    assert.lengthOf(slots, 2)
    assert.isTrue(slots.every((slot) => slot.end.diff(slot.start, 'minutes').minutes === 60))
  })

  test('booked time at a desk removes the slots that overlap it; another desk keeps them', ({
    assert,
  }) => {
    const start = DateTime.fromISO('2026-03-02T10:00', { zone: 'Europe/Paris' })
    const occupied = new Map([
      [1, new Set([0, 5, 10].map((minutes) => start.plus({ minutes }).toMillis()))],
    ])
    const one = computeSlots(input({ occupied, persons: 1 }))
    assert.notInclude(one.map(paris), '2026-03-02T10:00')
    assert.include(one.map(paris), '2026-03-02T10:15')
    const two = computeSlots(input({ occupied, persons: 2 }))
    assert.notInclude(
      two.map(paris),
      '2026-03-02T09:45',
      'a 30-minute slot from 09:45 would overlap'
    )
    const twoDesks = computeSlots(input({ occupied, point: { id: 1, desks: 2 } }))
    const ten = twoDesks.find((slot) => paris(slot) === '2026-03-02T10:00')!
    assert.deepEqual(ten.freeDesks, [2])
  })
})
