import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#accounts/models/user'
import { activitiesEngine } from '#activities/engine'
import type ActivityRegistration from '#activities/models/activity_registration'
import type ActivitySession from '#activities/models/activity_session'
import { queueMail } from '#notifications/queue_mail'
import parvisConfig from '#config/parvis'
import SeniorRegistration from '../models/senior_registration.js'

/** Tells whoever registered the person who got a place (no mail for counter registrations: the agent calls). */
export async function tellSeniorPromotion(
  trx: TransactionClientContract,
  registration: ActivityRegistration,
  session: ActivitySession
) {
  if (!registration.userId) return
  const user = await User.find(registration.userId, { client: trx })
  const details = await SeniorRegistration.query({ client: trx })
    .where('registrationId', registration.id)
    .first()
  if (!user || !details) return
  await queueMail(
    {
      to: user.email,
      locale: user.locale,
      subject: 'social.seniors.mail.promoted_subject',
      subjectData: { name: details.participantName },
      view: 'social::emails/seniors_promoted',
      data: {
        user,
        name: details.participantName,
        activity: session.activity,
        session,
        link: `${parvisConfig.appUrl}/solidarites/seniors`,
      },
    },
    trx
  )
}

/** A registration is cancelled (by who registered, or an agent): the first waiting gets the place and is told. */
export default function cancelSeniorRegistration(id: number) {
  return activitiesEngine.end(id, 'cancelled', tellSeniorPromotion)
}
