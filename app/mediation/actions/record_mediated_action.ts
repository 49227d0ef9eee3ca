import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import AuditEntry from '#accounts/models/audit_entry'
import type Mandate from '#mediation/models/mandate'
import MediationAction from '#mediation/models/mediation_action'

/**
 * A mediator's write went through for a resident: it is written "by X for
 * Y" on the resident's timeline (mediation_actions) and in the audit log,
 * both or neither.
 */
export default class RecordMediatedAction {
  async handle(request: {
    mandate: Mandate
    agent: Agent
    module: string
    route: string | null
    method: string
    path: string
  }) {
    const { mandate, agent } = request
    const path = request.path.slice(0, 300)
    return db.transaction(async (trx) => {
      const action = await MediationAction.create(
        {
          mandateId: mandate.id,
          userId: mandate.userId,
          agentId: agent.id,
          agentName: agent.fullName.slice(0, 210),
          module: request.module,
          route: request.route?.slice(0, 150) ?? null,
          method: request.method,
          path,
        },
        { client: trx }
      )
      await AuditEntry.create(
        {
          agentId: agent.id,
          demandId: null,
          action: 'mediation.acted',
          detail: `${request.method} ${path}`.slice(0, 300),
          rowCount: null,
          mandateId: mandate.id,
          actedForUserId: mandate.userId,
        },
        { client: trx }
      )
      return action
    })
  }
}
