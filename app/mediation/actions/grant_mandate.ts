import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import type User from '#accounts/models/user'
import AuditEntry from '#accounts/models/audit_entry'
import { clock } from '#core/clock'
import { deleteStored, storeUpload, type CheckedUpload } from '#demands/services/uploads'
import { nameForKind } from '#demands/procedures/sniff_file'
import Mandate, { type MandateChannel } from '#mediation/models/mandate'

/**
 * A resident's mandate to a mediator starts now and lasts the months asked
 * (the validator caps them at 12). On paper, the signed form's scan is
 * stored first and removed again if the mandate could not be saved. The
 * audit log names the mediator who recorded it (on paper) or none (given
 * online by the resident).
 */
export default class GrantMandate {
  async handle(request: {
    user: User
    mediator: Agent
    scope: string[]
    months: number
    channel: MandateChannel
    scan?: CheckedUpload
  }) {
    const stored = request.scan
      ? await storeUpload(`mediation/mandates/${request.user.id}`, request.scan)
      : null
    try {
      return await db.transaction(async (trx) => {
        const now = clock.now()
        const mandate = await Mandate.create(
          {
            userId: request.user.id,
            agentId: request.mediator.id,
            scope: request.scope,
            channel: request.channel,
            startsAt: now,
            endsAt: now.plus({ months: request.months }),
            revokedAt: null,
            revokedBy: null,
            scanKey: stored?.storageKey ?? null,
            // The name it is shown under ends with what it really is (a PDF sent as .html is .pdf).
            scanName:
              stored && request.scan ? nameForKind(stored.originalName, request.scan.kind) : null,
            scanMime: stored?.mimeType ?? null,
            scanSize: stored?.size ?? null,
          },
          { client: trx }
        )
        await AuditEntry.create(
          {
            agentId: request.channel === 'paper' ? request.mediator.id : null,
            demandId: null,
            action: 'mediation.mandate_granted',
            detail: `${request.channel} ${request.scope.join(',')} ${request.months}m`,
            rowCount: null,
            mandateId: mandate.id,
            actedForUserId: request.user.id,
          },
          { client: trx }
        )
        return mandate
      })
    } catch (error) {
      if (stored) await deleteStored([stored.storageKey])
      throw error
    }
  }
}
