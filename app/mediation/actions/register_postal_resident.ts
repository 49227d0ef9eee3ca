import { randomBytes, randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import User from '#accounts/models/user'
import AuditEntry from '#accounts/models/audit_entry'
import { POSTAL_ONLY_DOMAIN } from '#accounts/services/postal_only'

/**
 * A mediator registers a resident who has no e-mail address: the account
 * gets a placeholder address nobody can receive mail at and a random
 * password nobody knows (the resident is helped by a mediator, or writes
 * by post), e-mail notifications off, and is marked postal-only so the
 * back office prints letters for them.
 */
export default class RegisterPostalResident {
  async handle(
    agent: Agent,
    input: {
      firstName: string
      lastName: string
      addressLine: string
      addressComplement?: string
      postalCode: string
      city: string
      phone?: string
    }
  ) {
    return db.transaction(async (trx) => {
      const user = await User.create(
        {
          email: `postal-${randomUUID()}@${POSTAL_ONLY_DOMAIN}`,
          password: randomBytes(32).toString('base64url'),
          firstName: input.firstName,
          lastName: input.lastName,
          addressLine: input.addressLine,
          addressComplement: input.addressComplement ?? null,
          postalCode: input.postalCode,
          city: input.city,
          phone: input.phone ?? null,
          locale: 'fr',
          notifyByEmail: false,
          notifyBySms: false,
          mailOnStatusChange: false,
          mailOnMessage: false,
          postalOnly: true,
          registeredByAgentId: agent.id,
        },
        { client: trx }
      )
      await AuditEntry.create(
        {
          agentId: agent.id,
          demandId: null,
          action: 'mediation.resident_registered',
          detail: null,
          rowCount: null,
          mandateId: null,
          actedForUserId: user.id,
        },
        { client: trx }
      )
      return user
    })
  }
}
