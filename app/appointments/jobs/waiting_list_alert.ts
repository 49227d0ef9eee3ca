import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { defineJob } from '#jobs/registry'
import WaitingListEntry from '#appointments/models/waiting_list_entry'
import MeetingType from '#appointments/models/meeting_type'
import MeetingPoint from '#appointments/models/meeting_point'
import { queueMail } from '#notifications/queue_mail'
import { hooksFor } from '#appointments/services/hooks'
import { ZONE } from '#appointments/services/slots'
import { lockForUpdate } from '#core/database/dialect'
import parvisConfig from '#config/parvis'

/**
 * A slot was freed: the first person waiting for that type (at that point
 * or any point) who has not been alerted today is told, by mail. One freed
 * slot, one alert; nobody gets more than one alert a day.
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
    const today = now.setZone(ZONE).toISODate()!
    await db.transaction(async (trx) => {
      const entry = await lockForUpdate(
        WaitingListEntry.query({ client: trx })
          .where('meetingTypeId', type.id)
          .where('status', 'waiting')
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
      const local = DateTime.fromISO(startsAt).setZone(ZONE)
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
            link: `${parvisConfig.appUrl}${(await hooksFor(type.key)).bookingPath ?? '/demarches'}`,
          },
        },
        trx
      )
    })
  },
})

export default waitingListAlertJob
