import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import { recordAudit } from '#accounts/actions/record_audit'
import { enqueue } from '#jobs/enqueue'
import PersonalDataExport from '#portal/models/personal_data_export'

/**
 * A resident (or an agent, for a request received by post) asks for the
 * archive of everything the portal holds about the resident. The row and its
 * job are written together; while one is being built, asking again gives
 * the same one. An agent's request is audited.
 */
export default class RequestDataExport {
  async handle(userId: number, agent: Agent | null = null) {
    return db.transaction(async (trx) => {
      const pending = await PersonalDataExport.query({ client: trx })
        .where('userId', userId)
        .where('status', 'pending')
        .first()
      if (pending) return pending
      const created = await PersonalDataExport.create(
        {
          userId,
          token: randomBytes(32).toString('base64url'),
          status: 'pending',
          requestedByAgentId: agent?.id ?? null,
        },
        { client: trx }
      )
      await enqueue(
        'export_personal_data',
        { exportId: created.id },
        { trx, idempotencyKey: `personal_data_export:${created.id}` }
      )
      if (agent)
        await recordAudit(
          agent,
          'personal_data.export_requested',
          null,
          `usager #${userId}`,
          null,
          trx
        )
      return created
    })
  }
}
