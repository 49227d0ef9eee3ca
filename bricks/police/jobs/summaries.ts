import db from '@adonisjs/lucid/services/db'
import { defineJob } from '#jobs/registry'
import { queueMail } from '#notifications/queue_mail'
import { CITY_ZONE } from '#core/clock'
import OtvAbsence from '../models/otv_absence.js'
import OtvPassage from '../models/otv_passage.js'

function frenchDay(day: string) {
  return day.split('-').reverse().join('/')
}

/**
 * The day after return (scheduled each morning): each resident back home
 * receives the summary of the watch, its passages and anomalies. The mail
 * and the mark "sent" are one transaction: a summary leaves once.
 */
export const summariesJob = defineJob<Record<string, never>>({
  queue: 'batch',
  maxAttempts: 3,
  async handle(_payload, { now }) {
    const today = now.setZone(CITY_ZONE).toISODate()!
    const due = await OtvAbsence.query()
      .whereIn('status', ['active', 'returned'])
      .where('endsOn', '<', today)
      .whereNull('summarySentAt')
      .whereNotNull('email')
      .preload('street')
      .orderBy('id')
    for (const absence of due) {
      await db.transaction(async (trx) => {
        const passages = await OtvPassage.query({ client: trx })
          .where('absenceId', absence.id)
          .orderBy('passedAt')
        await queueMail(
          {
            to: absence.email!,
            locale: absence.locale,
            subject: 'police.otv.mail.summary_subject',
            subjectData: { reference: absence.reference },
            view: 'police::emails/otv_summary',
            orderingKey: `police_otv:${absence.id}`,
            data: {
              absence,
              address: `${absence.streetNumber} ${absence.street.name}`,
              from: frenchDay(absence.startsOn),
              to: frenchDay(absence.endsOn),
              passages: passages.map((passage) => ({
                when: passage.passedAt.setZone(CITY_ZONE).toFormat('dd/MM/yyyy HH:mm'),
                anomaly: passage.anomaly,
              })),
              anomalies: passages.filter((passage) => passage.anomaly).length,
            },
          },
          trx
        )
        absence.useTransaction(trx)
        absence.summarySentAt = now
        await absence.save()
      })
    }
  },
})

export default summariesJob
