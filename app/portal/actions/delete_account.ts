import hash from '@adonisjs/core/services/hash'
import type Agent from '#accounts/models/agent'
import type User from '#accounts/models/user'
import { recordAudit } from '#accounts/actions/record_audit'
import { clock } from '#core/clock'
import { eraseResident } from '#portal/services/personal_data'

export class WrongPasswordError extends Error {
  constructor() {
    super('Account deletion refused: wrong password')
  }
}

/**
 * Deletes a resident's account: the resident confirms with their password
 * (or is logged in through FranceConnect), an agent (a request received by post) is audited. Everything no rule keeps
 * goes at once, in one transaction, with every session of the account; what
 * must be kept is detached (see each module's personalData). Returns what
 * was kept, to tell the resident.
 */
export default class DeleteAccount {
  /** `franceConnect`: the resident's session came from FranceConnect, which just proved who they are (their password is a random one they may never have set). */
  async handle(user: User, by: { password: string } | { agent: Agent } | { franceConnect: true }) {
    if ('password' in by && !(await hash.use('scrypt').verify(user.password, by.password)))
      throw new WrongPasswordError()
    return eraseResident(user, clock.now(), async (trx, kept) => {
      if ('agent' in by)
        await recordAudit(by.agent, 'account.deleted', null, `usager #${user.id}`, kept.length, trx)
    })
  }
}
