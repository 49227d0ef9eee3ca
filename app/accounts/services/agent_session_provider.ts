import { SessionLucidUserProvider } from '@adonisjs/auth/session'
import type Agent from '#accounts/models/agent'
import { accessColumns, keepAccessRead } from '#accounts/services/agent_services'
import { takeSessionAgent } from '#accounts/services/session_owners'

type AgentModel = typeof Agent

/**
 * How the `agent` session guard finds the logged-in agent on each request:
 * as Lucid's provider does, plus the agent's services and grants in the same
 * query (every back-office page needs them), kept for `agentAccess`.
 */
export class AgentSessionProvider extends SessionLucidUserProvider<AgentModel> {
  async findById(identifier: string | number | BigInt) {
    // Read with the request's session, most of the time (session_owners.ts).
    const withSession = takeSessionAgent(identifier)
    if (withSession) return this.createUserForGuard(withSession)
    const model = await this.getModel()
    const agent = await model
      .query()
      .select('agents.*')
      .select(accessColumns())
      .where('agents.id', identifier as number)
      .first()
    if (!agent) return null
    keepAccessRead(agent)
    return this.createUserForGuard(agent)
  }
}
