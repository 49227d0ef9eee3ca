import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { defineJob } from '#jobs/registry'
import WaitingListEntry from '#appointments/models/waiting_list_entry'
import MeetingType from '#appointments/models/meeting_type'
import MeetingPoint from '#appointments/models/meeting_point'
import { queueMail } from '#notifications/queue_mail'
import { hooksFor } from '#appointments/services/hooks'
import { availableSlots, ZONE } from '#appointments/services/slots'
import { expireWaitingEntries } from '#appointments/queries/waiting_list'
import { lockForUpdate } from '#core/database/dialect'
import parvisConfig from '#config/parvis'

/**
 * For how many persons the freed slot can be booked now: a slot starting at
 * that time must be free for their whole (per-person) duration. A 15-minute
 * slot freed between two bookings fits one person, not three.
 */
export async function personsFitting(
  type: MeetingType,
  point: MeetingPoint,
  start: DateTime,
  now: DateTime
) {
  const day = start.setZone(ZONE).toISODate()!
  const fitting: number[] = []
  for (let persons = 1; persons <= type.maxPersons; persons++) {
    const slots = await availableSlots(point, type, persons, day, day, now)
    if (!slots.some((slot) => slot.start.toMillis() === start.toMillis())) break
    fitting.push(persons)
  }
  return fitting
}

/** Where the resident books this type: the brick's own pages, else /rendez-vous/<key>. */
async function bookingLink(type: MeetingType) {
  const path = (await hooksFor(type.key)).bookingPath ?? `/rendez-vous/${type.key}`
  return `${parvisConfig.appUrl}${path}`
}

/**
 * A slot was freed: the first person waiting for that type (at that point
 * or any point) whose number of persons the slot fits, and who has not been
 * alerted today, is told by mail. One freed slot, one alert; nobody gets
 * more than one alert a day; entries past their horizon are closed first.
 */
export const waitingListAlertJob = defineJob<{
  meetingTypeId: number
  meetingPointId: number
  startsAt: string
}>({
  maxAttempts: 5,
  async handle({ meetingTypeId, meetingPointId, startsAt }, { now }) {
    const type = await MeetingType.find(meetingTypeId)
    const point = await MeetingPoint.find(meetingPointId)
    if (!type || !point) return
    const start = DateTime.fromISO(startsAt, { zone: 'utc' })
    const fitting = await personsFitting(type, point, start, now)
    if (fitting.length === 0) return
    await expireWaitingEntries(now)
    const today = now.setZone(ZONE).toISODate()!
    await db.transaction(async (trx) => {
      const entry = await lockForUpdate(
        WaitingListEntry.query({ client: trx })
          .where('meetingTypeId', type.id)
          .where('status', 'waiting')
          .whereIn('persons', fitting)
          .where((query) => query.whereNull('meetingPointId').orWhere('meetingPointId', point.id))
          .where((query) => query.whereNull('lastAlertedOn').orWhereNot('lastAlertedOn', today))
          .orderBy('id')
          .limit(1),
        trx
      ).first()
      if (!entry) return
      entry.useTransaction(trx)
      entry.lastAlertedOn = today
      await entry.save()
      const local = start.setZone(ZONE)
      await queueMail(
        {
          to: entry.email,
          subject: 'appointments.mail.waiting_list_subject',
          view: 'appointments::emails/waiting_list',
          data: {
            firstName: entry.firstName,
            type,
            point,
            date: local.setLocale('fr').toFormat('cccc d LLLL yyyy'),
            time: local.toFormat("HH'h'mm"),
            link: await bookingLink(type),
          },
        },
        trx
      )
    })
  },
})

export default waitingListAlertJob
