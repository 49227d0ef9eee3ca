import { configProvider } from '@adonisjs/core'
import { defineConfig } from '@adonisjs/auth'
import { sessionGuard } from '@adonisjs/auth/session'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'

/*
 * Two session guards: residents (`web`) and the city's agents (`agent`). They
 * use different session keys, so being logged in as a resident opens no
 * agent page.
 */
const authConfig = defineConfig({
  default: 'web',
  guards: {
    web: sessionGuard({
      useRememberMeTokens: false,
      // The resident is read with the session when it can be (session_owners.ts).
      provider: configProvider.create(async () => {
        const { UserSessionProvider } = await import('#accounts/services/user_session_provider')
        return new UserSessionProvider({ model: () => import('#accounts/models/user') })
      }),
    }),
    agent: sessionGuard({
      useRememberMeTokens: false,
      // Lucid's provider, reading the agent's services and grants with the agent.
      provider: configProvider.create(async () => {
        const { AgentSessionProvider } = await import('#accounts/services/agent_session_provider')
        return new AgentSessionProvider({ model: () => import('#accounts/models/agent') })
      }),
    }),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
