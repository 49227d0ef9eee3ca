import User from '#accounts/models/user'
import Agent, { type AgentRole } from '#accounts/models/agent'
import Service from '#accounts/models/service'
import { clock } from '#core/clock'
import { grantPermissions } from '#accounts/services/permissions'

export const GOOD_PASSWORD = 'un cheval bleu mange des pommes'

let sequence = 0
const next = () => ++sequence

/** A resident with a verified address, unless told otherwise. */
export async function createResident(
  overrides: Partial<Pick<User, 'email' | 'firstName' | 'lastName' | 'password' | 'locale'>> & {
    verified?: boolean
  } = {}
) {
  const n = next()
  const { verified = true, ...fields } = overrides
  return User.create({
    email: `resident${n}@example.org`,
    firstName: 'Marie',
    lastName: `Curie${n}`,
    password: GOOD_PASSWORD,
    locale: 'fr',
    notifyByEmail: true,
    notifyBySms: false,
    emailVerifiedAt: verified ? clock.now() : null,
    ...fields,
  })
}

export async function createService(slug = `service_${next()}`, name = 'Service') {
  return Service.create({ slug, name, active: true })
}

/** An active agent of the given services (slugs), created when missing, holding `permissions` in each of them. */
export async function createAgent(
  options: {
    role?: AgentRole
    services?: string[]
    email?: string
    active?: boolean
    permissions?: string[]
  } = {}
) {
  const n = next()
  const agent = await Agent.create({
    email: options.email ?? `agent${n}@ville.example`,
    firstName: 'Agent',
    lastName: `Numéro${n}`,
    password: GOOD_PASSWORD,
    role: options.role ?? 'agent',
    active: options.active ?? true,
  })
  const ids: number[] = []
  for (const slug of options.services ?? []) {
    const service = (await Service.findBy('slug', slug)) ?? (await createService(slug, slug))
    ids.push(service.id)
  }
  if (ids.length) await agent.related('services').attach(ids)
  for (const id of ids)
    if (options.permissions?.length) await grantPermissions(agent.id, id, options.permissions)
  return agent
}
