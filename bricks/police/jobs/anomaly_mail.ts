import { defineJob } from '#jobs/registry'
import { queueMail } from '#notifications/queue_mail'
import { CITY_ZONE } from '#core/clock'
import OtvPassage from '../models/otv_passage.js'
import OtvAbsence from '../models/otv_absence.js'

/** Tells the resident at once that a patrol found something wrong at their home. */
export const anomalyMailJob = defineJob<{ passageId: number }>({
  async handle({ passageId }) {
    const passage = await OtvPassage.find(passageId)
    if (!passage?.anomaly) return
    const absence = await OtvAbsence.query()
      .where('id', passage.absenceId)
      .preload('street')
      .first()
    if (!absence?.email) return
    await queueMail({
      to: absence.email,
      locale: absence.locale,
      subject: 'police.otv.mail.anomaly_subject',
      subjectData: { reference: absence.reference },
      view: 'police::emails/otv_anomaly',
      orderingKey: `police_otv:${absence.id}`,
      data: {
        absence,
        address: `${absence.streetNumber} ${absence.street.name}`,
        passedAt: passage.passedAt.setZone(CITY_ZONE).toFormat('dd/MM/yyyy HH:mm'),
        remark: passage.remark,
      },
    })
  },
})

export default anomalyMailJob
