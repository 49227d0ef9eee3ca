/*
 * Test entry point (`node ace test`). Before the app boots it starts a real
 * SMTP server (mails sent by the app arrive there) and, on PostgreSQL, makes
 * sure the test database exists.
 */
process.env.NODE_ENV = 'test'

import 'reflect-metadata'
import { Ignitor, prettyPrintError } from '@adonisjs/core'
import { configure, processCLIArgs, run } from '@japa/runner'
import { startTestSmtpServer } from '#tests/support/smtp'
import { ensurePostgresTestDatabase } from '#tests/support/database'

// Dates are written in UTC whatever the server's zone; pages show Europe/Paris.
process.env.TZ = 'UTC'

// `PARVIS_TEST_NOW=2026-12-06T16:00 npm test` runs the whole suite with the
// app's clock starting at that moment (Paris time unless an offset is given).
if (process.env.PARVIS_TEST_NOW) {
  process.env.PARVIS_NOW = process.env.PARVIS_TEST_NOW
  const { clock } = await import('#core/clock')
  console.log(`Clock set to ${clock.local().toISO()} (PARVIS_TEST_NOW)`)
}

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

const smtp = await startTestSmtpServer()
process.env.SMTP_HOST = '127.0.0.1'
process.env.SMTP_PORT = String(smtp.port)
process.env.SMTP_IGNORE_TLS = 'true'
if ((process.env.DB_CONNECTION ?? 'sqlite') === 'pg') {
  await ensurePostgresTestDatabase()
}

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.listen('SIGTERM', () => app.terminate())
    app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
  })
  .testRunner()
  .configure(async (app) => {
    const { runnerHooks, suitesToRun, ...config } = await import('../tests/bootstrap.js')

    processCLIArgs(process.argv.splice(2))
    configure({
      ...app.rcFile.tests,
      suites: suitesToRun(app.rcFile.tests.suites),
      ...config,
      ...{
        setup: runnerHooks.setup,
        teardown: [
          ...runnerHooks.teardown,
          async () => {
            // Never wait long for SMTP clients to hang up.
            await Promise.race([smtp.close(), new Promise((resolve) => setTimeout(resolve, 2000))])
          },
        ],
      },
    })
  })
  .run(() => run())
  .catch(async (error) => {
    // The SMTP server would keep the process alive after a boot failure.
    process.exitCode = 1
    await prettyPrintError(error)
    await smtp.close()
    process.exit(1)
  })
