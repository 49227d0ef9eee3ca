import { randomBytes } from 'node:crypto'
import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Day one in production, or a lost admin password or phone: creates the admin
 * account for this address (or gives an existing agent the admin role back,
 * re-activates them and resets their second factor) and prints a single-use
 * link to choose a password.
 * Nothing is mailed: whoever runs the command on the server hands the link over.
 */
export default class ParvisAdmin extends BaseCommand {
  static commandName = 'parvis:admin'
  static description =
    'Create the first admin (or restore an admin’s access) and print a link to choose a password'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'E-mail address of the admin' })
  declare email: string

  @flags.string({ description: 'First name (new account)', default: 'Admin' })
  declare firstName: string

  @flags.string({ description: 'Last name (new account)', default: 'Parvis' })
  declare lastName: string

  @flags.string({ description: 'How long the link stays valid', default: '24h' })
  declare expiresIn: string

  async run() {
    const email = this.email.trim().toLowerCase()
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      this.logger.error(`"${this.email}" is not an e-mail address`)
      this.exitCode = 1
      return
    }
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: Agent } = await import('#accounts/models/agent')
    const { default: AuditEntry } = await import('#accounts/models/audit_entry')
    const { default: modules } = await import('#core/services/modules')
    const { installServices } = await import('#accounts/actions/install_services')
    const { agentPasswordLink } = await import('#back_office/actions/send_agent_password_link')
    const { default: parvisConfig } = await import('#config/parvis')

    await installServices(modules.collect('services').map(({ item }) => item))
    const { agent, created } = await db.transaction(async (trx) => {
      const existing = await Agent.query({ client: trx }).where('email', email).forUpdate().first()
      if (existing) {
        // A new random password ends the old one (and every link made for it).
        existing.merge({
          role: 'admin',
          active: true,
          password: randomBytes(32).toString('base64url'),
        })
        await existing.useTransaction(trx).save()
        // A lost phone too: their second factor goes (they enrol again), and the audit log says so.
        const removed = await trx
          .from('agent_second_factors')
          .where('agent_id', existing.id)
          .delete()
        await trx.from('agent_recovery_codes').where('agent_id', existing.id).delete()
        if (Number(Array.isArray(removed) ? removed[0] : removed) > 0)
          await AuditEntry.create(
            {
              agentId: null,
              demandId: null,
              action: 'second_factor.reset',
              detail: `parvis:admin : ${existing.fullName} <${email}>`,
            },
            { client: trx }
          )
        return { agent: existing, created: false }
      }
      const fresh = await Agent.create(
        {
          email,
          firstName: this.firstName,
          lastName: this.lastName,
          role: 'admin',
          active: true,
          password: randomBytes(32).toString('base64url'),
        },
        { client: trx }
      )
      return { agent: fresh, created: true }
    })
    this.logger.success(
      created
        ? `Admin ${email} created`
        : `${email} is an admin again; their old password and second factor no longer work`
    )
    this.logger.info(
      `Open this link within ${this.expiresIn} to choose the password (it works once):`
    )
    console.log(agentPasswordLink(agent, this.expiresIn))
    if (parvisConfig.appUrl.includes('localhost') && this.app.inProduction) {
      this.logger.warning(
        'APP_URL is not set: the link points to localhost. Set APP_URL to the public address of the portal.'
      )
    }
  }
}
