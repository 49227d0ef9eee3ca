import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * First step of `npm start`: migrates the database, seeds the demo city the
 * first time (never in production), and prints where to go and how to log in.
 */
export default class ParvisSetup extends BaseCommand {
  static commandName = 'parvis:setup'
  static description = 'Migrate the database and seed the demo city once (development only)'
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

    const wantDemo =
      !this.app.inProduction && !this.noDemo && process.env.PARVIS_DEMO_SEED !== 'false'
    if (wantDemo && !(await demo.isDemoSeeded())) {
      await db.transaction((trx) => demo.seedDemoCity(trx))
      this.logger.success('Demo city seeded (once; delete tmp/db.sqlite3 to start over)')
    }

    if (wantDemo) {
      const { default: env } = await import('#start/env')
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
