import db from '@adonisjs/lucid/services/db'
import { enqueue } from '#jobs/enqueue'
import { clock } from '#core/clock'
import { queueSms } from '#notifications/sms/queue_sms'
import type Agent from '#accounts/models/agent'
import OtvPassage from '../models/otv_passage.js'
import type OtvAbsence from '../models/otv_absence.js'

/**
 * A patrol's passage at a home, timed by the clock (never typed). With an
 * anomaly, the resident's alert mail is enqueued in the same transaction:
 * it leaves only if the passage is saved, and once; so is an urgent SMS (at
 * any hour) when the resident opted in.
 */
export default class RecordPassage {
  async handle(
    agent: Agent,
    absence: OtvAbsence,
    input: { remark?: string | null; anomaly: boolean }
  ) {
    return db.transaction(async (trx) => {
      const passage = await OtvPassage.create(
        {
          absenceId: absence.id,
          agentId: agent.id,
          passedAt: clock.now(),
          remark: input.remark?.trim() || null,
          anomaly: input.anomaly,
        },
        { client: trx }
      )
      if (input.anomaly)
        await enqueue(
          'police_otv_anomaly_mail',
          { passageId: passage.id },
          { trx, idempotencyKey: `police_otv_anomaly_mail:${passage.id}` }
        )
      if (input.anomaly && absence.userId)
        await queueSms(trx, {
          userId: absence.userId,
          kind: 'police.sms.kind',
          message: 'police.sms.anomaly',
          data: { reference: absence.reference },
          urgent: true,
          idempotencyKey: `police_otv_anomaly_sms:${passage.id}`,
        })
      return passage
    })
  }
}

/** An agent closes an open anomaly with a note (what was found, who was called). */
export async function closeAnomaly(passage: OtvPassage, note: string) {
  passage.merge({ anomalyClosedAt: clock.now(), anomalyNote: note.trim() })
  await passage.save()
}
