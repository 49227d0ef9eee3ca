import lodash from '@poppinss/utils/lodash'
import { cuid } from '@adonisjs/core/helpers'
import { configProvider } from '@adonisjs/core'
import type { ApplicationService } from '@adonisjs/core/types'
import type { PluginFn } from '@japa/runner/types'
import { ApiClient, ApiRequest, ApiResponse } from '@japa/api-client'
import { decoratorsCollection } from '@japa/browser-client'
import type {
  ResolvedSessionConfig,
  SessionData,
  SessionStoreContract,
} from '@adonisjs/session/types'
// The request, response and browser-context methods below are typed by these modules.
import type {} from '@adonisjs/session/plugins/api_client'
import type {} from '@adonisjs/session/plugins/browser_client'
import type {} from '@adonisjs/auth/plugins/browser_client'

/*
 * The session plugins of @adonisjs/session for Japa always use a memory
 * store, whatever the app is configured with, and do not wait for the store's
 * writes: with the database store the app would never see the sessions tests
 * prepare. These do the same job on the store the app really uses (the
 * database in tests, see .env.test), awaiting every write, so the suite runs
 * on the real session store. Sessions are not destroyed after each request:
 * tests replay cookies across requests, and every test starts from empty
 * tables anyway.
 */

const FLASH_KEY = '__flash__'

async function resolveSessionConfig(app: ApplicationService): Promise<ResolvedSessionConfig> {
  const config = await configProvider.resolve<ResolvedSessionConfig>(app, app.config.get('session'))
  if (!config) throw new Error('config/session.ts must export defineConfig(...)')
  if (config.store === 'cookie')
    throw new Error(
      'Tests need a server-side session store: set SESSION_DRIVER=database (.env.test)'
    )
  return config
}

/** A session prepared by a test: values and flash messages written to the app's store under a fresh id. */
class PreparedSession {
  sessionId = cuid()
  #adopted = false
  #values: SessionData = {}
  #flash: SessionData = {}

  constructor(private store: () => SessionStoreContract) {}

  /** Uses the session a test's own cookie names: what the test adds is merged into it, if it still exists. */
  adopt(sessionId: string) {
    this.sessionId = sessionId
    this.#adopted = true
  }

  merge(values: SessionData) {
    Object.assign(this.#values, values)
  }

  flash(values: SessionData) {
    Object.assign(this.#flash, values)
  }

  async commit() {
    const values = { ...this.#values }
    if (Object.keys(this.#flash).length) values[FLASH_KEY] = { ...this.#flash }
    if (!Object.keys(values).length) return
    const store = this.store()
    if (this.#adopted) {
      // An ended session is not brought back to life by a test's CSRF token.
      const current = await store.read(this.sessionId)
      if (current) await store.write(this.sessionId, { ...current, ...values })
      return
    }
    await store.write(this.sessionId, values)
  }

  async load(sessionId = this.sessionId) {
    const values = { ...((await this.store().read(sessionId)) ?? {}) }
    const flashMessages = (values[FLASH_KEY] ?? {}) as SessionData
    delete values[FLASH_KEY]
    return { values, flashMessages }
  }
}

export function sessionApiClientOnAppStore(app: ApplicationService): PluginFn {
  return async () => {
    const config = await resolveSessionConfig(app)
    const store = () => config.stores[config.store]({} as never, config)
    const prepared = new WeakMap<ApiRequest, PreparedSession>()
    const sessionOf = (request: ApiRequest) => {
      if (!prepared.has(request)) prepared.set(request, new PreparedSession(store))
      return prepared.get(request)!
    }

    ApiRequest.macro('withSession', function (this: ApiRequest, values: SessionData) {
      sessionOf(this).merge(values)
      return this
    })
    ApiRequest.macro('withFlashMessages', function (this: ApiRequest, values: SessionData) {
      sessionOf(this).flash(values)
      return this
    })

    ApiResponse.macro('session', function (this: ApiResponse, key?: string) {
      return key ? lodash.get(this.sessionBag.values, key) : this.sessionBag.values
    })
    ApiResponse.macro('flashMessages', function (this: ApiResponse) {
      return this.sessionBag.flashMessages
    })
    ApiResponse.macro('flashMessage', function (this: ApiResponse, key: string) {
      return lodash.get(this.sessionBag.flashMessages, key)
    })
    ApiResponse.macro('assertSession', function (this: ApiResponse, key: string, value?: unknown) {
      this.assert!.property(this.session(), key)
      if (value !== undefined) this.assert!.deepEqual(this.session(key), value)
    })
    ApiResponse.macro('assertSessionMissing', function (this: ApiResponse, key: string) {
      this.assert!.notProperty(this.session(), key)
    })
    ApiResponse.macro(
      'assertFlashMessage',
      function (this: ApiResponse, key: string, value?: unknown) {
        this.assert!.property(this.flashMessages(), key)
        if (value !== undefined) this.assert!.deepEqual(this.flashMessage(key), value)
      }
    )
    ApiResponse.macro('assertFlashMissing', function (this: ApiResponse, key: string) {
      this.assert!.notProperty(this.flashMessages(), key)
    })
    ApiResponse.macro('assertHasValidationError', function (this: ApiResponse, field: string) {
      this.assert!.property(this.flashMessage('errors'), field)
    })
    ApiResponse.macro(
      'assertDoesNotHaveValidationError',
      function (this: ApiResponse, field: string) {
        this.assert!.notProperty(this.flashMessage('errors'), field)
      }
    )
    ApiResponse.macro(
      'assertValidationError',
      function (this: ApiResponse, field: string, message: string) {
        this.assert!.include(
          (this.flashMessage('errors') as Record<string, string[]> | undefined)?.[field] ?? [],
          message
        )
      }
    )
    ApiResponse.macro(
      'assertValidationErrors',
      function (this: ApiResponse, field: string, messages: string[]) {
        this.assert!.deepEqual(
          (this.flashMessage('errors') as Record<string, string[]> | undefined)?.[field] ?? [],
          messages
        )
      }
    )

    ApiClient.onRequest((request) => {
      request.setup(async () => {
        const session = sessionOf(request)
        const own = request.cookiesJar[config.cookieName]?.value
        if (typeof own === 'string') session.adopt(own)
        // Otherwise like a browser that already has a session cookie (the library's plugin does the same).
        else request.withCookie(config.cookieName, session.sessionId)
        await session.commit()
      })
      request.teardown(async (response) => {
        const cookie = response.cookie(config.cookieName)
        response.sessionBag = cookie
          ? await sessionOf(request).load(cookie.value)
          : { values: {}, flashMessages: {} }
      })
    })
  }
}

/** The same for browser contexts: setSession/getSession, and loginAs that waits until the session is stored. */
export function sessionBrowserClientOnAppStore(app: ApplicationService): PluginFn {
  return async () => {
    const config = await resolveSessionConfig(app)
    const store = () => config.stores[config.store]({} as never, config)
    const auth = await app.container.make('auth.manager')

    decoratorsCollection.register({
      context(context) {
        const session = new PreparedSession(store)
        const initiate = async () => {
          const existing = await context.getCookie(config.cookieName)
          if (existing) session.sessionId = existing
          else
            await context.setCookie(config.cookieName, session.sessionId, {
              ...config.cookie,
              expires: undefined,
              sameSite: 'Lax',
            })
        }
        context.initiateSession = initiate
        context.getSession = async () => {
          await initiate()
          return (await session.load()).values
        }
        context.getFlashMessages = async () => {
          await initiate()
          return (await session.load()).flashMessages
        }
        context.setSession = async (values: SessionData) => {
          await initiate()
          session.merge(values)
          await session.commit()
        }
        context.setFlashMessages = async (values: SessionData) => {
          await initiate()
          session.flash(values)
          await session.commit()
        }
        const loginAs = async (guardName: string | undefined, args: unknown[]) => {
          const client = auth.createAuthenticatorClient()
          const guard = guardName ? client.use(guardName as never) : client.use()
          const data = await (
            guard.authenticateAsClient as (
              ...input: unknown[]
            ) => Promise<{ session?: SessionData }>
          )(...args)
          if (data.session) await context.setSession(data.session)
        }
        context.loginAs = (...args: unknown[]) => loginAs(undefined, args)
        context.withGuard = ((guardName: string) => ({
          loginAs: (...args: unknown[]) => loginAs(guardName, args),
        })) as never
      },
    })
  }
}
