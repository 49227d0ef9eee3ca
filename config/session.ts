import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { servedOverHttps } from '#config/parvis'
import { configProvider } from '@adonisjs/core'
import string from '@adonisjs/core/helpers/string'
import { defineConfig, stores } from '@adonisjs/session'
import type { SessionStoreFactory } from '@adonisjs/session/types'

/*
 * Sessions live in the database (table `sessions`): the cookie carries only
 * the session's id, so logging out, a password reset, an agent's
 * deactivation or "log out everywhere" really end a session, and any app
 * process can serve any request (DESIGN.md, "Scaling out"). A session ends
 * after SESSION_IDLE_TIMEOUT without a request, and SESSION_MAX_LIFETIME
 * after the login at the latest.
 *
 * `cookie` and `memory` stay selectable (SESSION_DRIVER) for experiments:
 * neither can be ended from the server, so never use them in production.
 */
export const SESSION_COOKIE = 'parvis_session'

export const sessionLifetimes = {
  idleMs: string.seconds.parse(env.get('SESSION_IDLE_TIMEOUT', '2h')) * 1000,
  absoluteMs: string.seconds.parse(env.get('SESSION_MAX_LIFETIME', '12h')) * 1000,
}

const databaseStore = configProvider.create<SessionStoreFactory>(async (resolver) => {
  const { DatabaseSessionStore } = await import('#accounts/services/session_store')
  const db = await resolver.container.make('lucid.db')
  // ctx.request is missing when tests or commands build a store outside a request.
  return (ctx) =>
    new DatabaseSessionStore(
      db.connection(),
      sessionLifetimes,
      ctx?.request ? () => ctx.request.cookie(SESSION_COOKIE, undefined) : null
    )
})

const sessionConfig = defineConfig({
  enabled: true,
  cookieName: SESSION_COOKIE,
  // The cookie dies with the browser; the server decides when the session ends.
  clearWithBrowser: true,
  age: env.get('SESSION_IDLE_TIMEOUT', '2h'),
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction && servedOverHttps,
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER', 'database'),
  stores: {
    database: databaseStore,
    cookie: stores.cookie(),
  },
})

export default sessionConfig
