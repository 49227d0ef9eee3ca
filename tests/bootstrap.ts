import { existsSync } from 'node:fs'
import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import { browserClient } from '@japa/browser-client'
import { chromium } from 'playwright-core'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { sessionApiClientOnAppStore, sessionBrowserClientOnAppStore } from '#tests/support/sessions'
import { mailbox } from '#tests/support/smtp'
import { chromiumPath, CHROMIUM_ARGS } from '#tests/support/chromium'
import { truncateAllTables } from '#tests/support/database'
import { refreshBuiltProcedures } from '#demands/procedures/built/published'
import { clock } from '#core/clock'
import { guardEveryApiResponse } from '#tests/support/page_guards'
import { recordDocumentsOf } from '#tests/support/browser'

// Every page a functional test receives is checked for missing translations and unrendered Edge tags.
guardEveryApiResponse()

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  browserClient({
    runInSuites: ['browser'],
    contextOptions: { locale: 'fr-FR', timezoneId: 'Europe/Paris' },
    // Every context records the HTML its pages received, for the audits of tests/support/browser.ts.
    launcher: async (options) =>
      recordDocumentsOf(
        await chromium.launch({
          ...options,
          headless: true,
          executablePath: chromiumPath(),
          args: CHROMIUM_ARGS,
        })
      ),
  }),
  pluginAdonisJS(app),
  // Sessions in tests go through the app's own store (the database): see tests/support/sessions.ts.
  sessionApiClientOnAppStore(app),
  sessionBrowserClientOnAppStore(app),
  shieldApiClient(),
  authApiClient(app),
]

/**
 * Each test starts from empty tables (truncated after every test), an empty
 * mailbox, fresh rate-limit counters and the clock where the run started it
 * (real time, or PARVIS_TEST_NOW), on SQLite and PostgreSQL alike.
 */
async function isolate() {
  refuseLeakedEnvironment()
  clock.reset()
  mailbox.clear()
  const limiter = (await import('@adonisjs/limiter/services/main')).default
  await limiter.clear()
  await truncateAllTables()
  // The published built procedures this process holds are those of the (now empty) tables.
  await refreshBuiltProcedures({ force: true })
}

/*
 * A variable put back as the text "undefined" (env.set with an unset value)
 * breaks every process a later test starts, far from its cause: the test that
 * left it fails instead (tests/support/environment.ts restores properly).
 */
function refuseLeakedEnvironment() {
  const leaked = Object.keys(process.env).filter((key) => process.env[key] === 'undefined')
  if (leaked.length)
    throw new Error(
      `The previous test left ${leaked.join(', ')}="undefined" in process.env: restore with setEnvForTest (tests/support/environment.ts)`
    )
}

export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      const cleanup = await testUtils.db().migrate()
      await truncateAllTables()
      // Empty before rolling back: on SQLite a migration's dropColumn copies the
      // table, which fails while the last test's rows still point at it.
      return async () => {
        await truncateAllTables()
        await cleanup()
      }
    },
  ],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional'].includes(suite.name)) {
    suite.setup(() => testUtils.httpServer().start())
    suite.onGroup((group) => group.each.setup(isolate))
    suite.onTest((test) => test.setup(isolate))
  }
  if (suite.name === 'unit') {
    suite.onGroup((group) => group.each.setup(isolate))
    suite.onTest((test) => test.setup(isolate))
  }
}

/** Without Chromium, the browser suite is left out with one clear line (never silently). */
export function suitesToRun<T extends { name: string }>(suites: T[]): T[] {
  if (existsSync(chromiumPath())) return suites
  console.log(
    `Browser suite NOT RUN: no Chromium at ${chromiumPath()} (install the "chromium" package or set CHROMIUM_PATH).`
  )
  return suites.filter((suite) => suite.name !== 'browser')
}
