import db from '@adonisjs/lucid/services/db'
import { defineJob } from '#jobs/registry'
import User from '#accounts/models/user'
import ActivityRegistration from '#activities/models/activity_registration'
import { queueMail } from '#notifications/queue_mail'
import { queueSms } from '#notifications/sms/queue_sms'
import parvisConfig from '#config/parvis'
import { OWNER } from '../actions/register_senior.js'
import SeniorRegistration from '../models/senior_registration.js'

/**
 * Every morning, a reminder to whoever registered someone with a place for a
 * session two days later (the shuttle address repeated). Run once a day by
 * the scheduler, so each session's day is reminded once; each mail is its
 * own job, written in one transaction, with an SMS for residents who opted in.
 */
export const seniorsRemindersJob = defineJob<Record<string, never>>({
  async handle(_payload, { now }) {
    const day = now.setZone('Europe/Paris').plus({ days: 2 }).toISODate()!
    const registrations = await ActivityRegistration.query()
      .where('owner', OWNER)
      .where('status', 'placed')
      .whereNotNull('userId')
      .whereHas('session', (session) => session.where('startsOn', day))
      .preload('session', (session) => session.preload('activity'))
      .preload('user')
      .orderBy('id')
    const details = new Map(
      (
        await SeniorRegistration.query().whereIn(
          'registrationId',
          registrations.map((registration) => registration.id).concat(0)
        )
      ).map((row) => [row.registrationId, row])
    )
    await db.transaction(async (trx) => {
      for (const registration of registrations) {
        const user: User | null = registration.user
        const detail = details.get(registration.id)
        if (!user || !detail) continue
        await queueMail(
          {
            to: user.email,
            locale: user.locale,
            subject: 'social.seniors.mail.reminder_subject',
            subjectData: { activity: registration.session.activity.name },
            view: 'social::emails/seniors_reminder',
            data: {
              user,
              name: detail.participantName,
              activity: registration.session.activity,
              session: registration.session,
              pickupAddress: detail.shuttle ? detail.pickupAddress : null,
              link: `${parvisConfig.appUrl}/solidarites/seniors`,
            },
          },
          trx
        )
        await queueSms(trx, {
          userId: user.id,
          kind: 'social.sms.kind',
          message: 'social.sms.reminder',
          data: {
            name: detail.participantName,
            activity: registration.session.activity.name,
            date: day.split('-').reverse().slice(0, 2).join('/'),
          },
          idempotencyKey: `social_seniors_sms:${registration.id}:${day}`,
        })
      }
    })
  },
})

export default seniorsRemindersJob
