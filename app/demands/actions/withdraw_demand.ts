import type User from '#accounts/models/user'
import AuditEntry from '#accounts/models/audit_entry'
import FireTransition from '#demands/actions/fire_transition'
import { WITHDRAW } from '#workflow/define_workflow'

/**
 * The resident withdraws their open demand, with a reason: the workflow's
 * withdrawal closes it (state, timeline line with the reason for the service
 * and the resident, SLA clock stopped), and the audit log records it, in one
 * transaction. The service sees it as withdrawn in its inbox and on the
 * demand's page; the resident is not mailed about what they just did.
 */
export default class WithdrawDemand {
  handle(
    demand: { id: number; state: string; reference: string | null },
    user: User,
    reason: string
  ) {
    return new FireTransition().handle({
      demandId: demand.id,
      transition: WITHDRAW,
      actor: { kind: 'resident' },
      actorId: user.id,
      comment: reason,
      expectedState: demand.state,
      alongside: async (trx, closed) => {
        await AuditEntry.create(
          {
            agentId: null,
            demandId: closed.id,
            action: 'demand.withdrawn',
            detail: closed.reference,
          },
          { client: trx }
        )
      },
    })
  }
}
