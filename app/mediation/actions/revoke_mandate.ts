import db from '@adonisjs/lucid/services/db'
import AuditEntry from '#accounts/models/audit_entry'
import { clock } from '#core/clock'
import type Mandate from '#mediation/models/mandate'

/** The resident takes their mandate back: from now on the mediator sees nothing of them. */
export default class RevokeMandate {
  async handle(mandate: Mandate) {
    if (mandate.revokedAt) return mandate
    return db.transaction(async (trx) => {
      mandate.useTransaction(trx)
      mandate.revokedAt = clock.now()
      mandate.revokedBy = 'resident'
      await mandate.save()
      await AuditEntry.create(
        {
          agentId: null,
          demandId: null,
          action: 'mediation.mandate_revoked',
          detail: 'resident',
          rowCount: null,
          mandateId: mandate.id,
          actedForUserId: mandate.userId,
        },
        { client: trx }
      )
      return mandate
    })
  }
}
