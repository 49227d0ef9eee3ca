import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { parseEvery } from '#core/modules/schedule'

const paris = (text: string) => DateTime.fromISO(text, { zone: 'Europe/Paris' })
const inParis = (moment: DateTime) => moment.setZone('Europe/Paris').toFormat("yyyy-MM-dd'T'HH:mm")

test.group('Schedules written as a person says them', () => {
  test('"daily 03:30" was last due this morning at 03:30 and is next due tomorrow, in Paris time', ({
    assert,
  }) => {
    const cadence = parseEvery('daily 03:30')
    assert.equal(inParis(cadence.lastDue(paris('2026-12-06T16:00'))), '2026-12-06T03:30')
    assert.equal(inParis(cadence.nextDue(paris('2026-12-06T16:00'))), '2026-12-07T03:30')
    assert.equal(inParis(cadence.lastDue(paris('2026-12-06T03:00'))), '2026-12-05T03:30')
  })

  test('a daily time keeps its wall-clock hour across the DST changes', ({ assert }) => {
    const cadence = parseEvery('daily 07:00')
    const spring = cadence.nextDue(paris('2027-03-27T23:30'))
    assert.equal(inParis(spring), '2027-03-28T07:00')
    assert.equal(spring.toUTC().toISO(), '2027-03-28T05:00:00.000Z')
    const autumn = cadence.nextDue(DateTime.fromISO('2027-10-31T02:30+02:00'))
    assert.equal(autumn.toUTC().toISO(), '2027-10-31T06:00:00.000Z')
  })

  test('"every 5 minutes" falls on round five minutes', ({ assert }) => {
    const cadence = parseEvery('every 5 minutes')
    assert.equal(
      cadence.lastDue(DateTime.fromISO('2026-12-31T22:33:10Z')).toUTC().toISO(),
      '2026-12-31T22:30:00.000Z'
    )
    assert.equal(
      cadence.nextDue(DateTime.fromISO('2026-12-31T22:33:10Z')).toUTC().toISO(),
      '2026-12-31T22:35:00.000Z'
    )
  })

  test('hourly, weekly and monthly cadences', ({ assert }) => {
    assert.equal(
      inParis(parseEvery('hourly :15').nextDue(paris('2026-12-04T17:55'))),
      '2026-12-04T18:15'
    )
    assert.equal(
      inParis(parseEvery('weekly monday 07:00').lastDue(paris('2026-12-06T16:00'))),
      '2026-11-30T07:00'
    )
    assert.equal(
      inParis(parseEvery('weekly monday 07:00').nextDue(paris('2026-12-06T16:00'))),
      '2026-12-07T07:00'
    )
    assert.equal(
      inParis(parseEvery('monthly 1 06:00').nextDue(paris('2026-12-31T23:30'))),
      '2027-01-01T06:00'
    )
    assert.equal(
      inParis(parseEvery('monthly 1 06:00').lastDue(paris('2026-12-31T23:30'))),
      '2026-12-01T06:00'
    )
  })

  test('a schedule that cannot be read fails at once with the forms it accepts', ({ assert }) => {
    assert.throws(() => parseEvery('tous les jours'), /not understood.*daily HH:MM/)
    assert.throws(() => parseEvery('daily 25:00'), /time of day/)
    assert.throws(() => parseEvery('weekly funday 07:00'), /day of the week/)
    assert.throws(() => parseEvery('monthly 31 06:00'), /1 to 28/)
  })
})
