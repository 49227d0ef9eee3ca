import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * First step of `npm start` and `npm run dev`: migrates the database, seeds
 * the demo city the first time when PARVIS_DEMO=true (the local .env's
 * setting; a real city's portal leaves it unset), and prints where to go and
 * how to log in.
 */
export default class ParvisSetup extends BaseCommand {
  static commandName = 'parvis:setup'
  static description = 'Migrate the database and seed the demo city once when PARVIS_DEMO=true'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Do not seed the demo city' })
  declare noDemo: boolean

  async run() {
    const migrate = await this.kernel.exec('migration:run', [
      '--compact-output',
      ...(this.app.inProduction ? ['--force'] : []),
    ])
    if (migrate.exitCode) {
      this.exitCode = 1
      return
    }

    const { default: db } = await import('@adonisjs/lucid/services/db')
    const demo = await import('#core/demo/demo_city')
    const { default: parvisConfig } = await import('#config/parvis')

    const { default: env } = await import('#start/env')
    const wantDemo = !this.noDemo && env.get('PARVIS_DEMO', false)
    if (wantDemo && !(await demo.isDemoSeeded())) {
      await db.transaction((trx) => demo.seedDemoCity(trx))
      this.logger.success('Demo city seeded (once: a new database starts over)')
    }

    if (wantDemo) {
      const smtpHost = env.get('SMTP_HOST')
      const rows = demo.demoBanner({
        appUrl: parvisConfig.appUrl,
        smtp: smtpHost ? { host: smtpHost, port: env.get('SMTP_PORT', 587) } : null,
      })
      const table = this.ui.table()
      table.head(['Parvis demo', ''])
      rows.forEach((row) => table.row(row))
      table.render()
    }
  }
}
