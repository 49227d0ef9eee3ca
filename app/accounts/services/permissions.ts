import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type Agent from '#accounts/models/agent'
import { agentAccess, agentServiceSlugs } from '#accounts/services/agent_services'
import modules from '#core/services/modules'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

/*
 * Permissions are declared by modules (`permissions` in a manifest, named
 * after the module) and granted by admins to an agent in one of the agent's
 * services (table agent_permissions). A module's permissions are offered in
 * the services it declares (every service when it declares none), and only
 * while the module is enabled: a disabled brick's grants stay stored, unused
 * and not offered, until it is enabled again.
 *
 * Admins hold every permission of the services they belong to, as they did
 * before permissions were granted one by one (they could grant themselves
 * anyway); like every agent, they still need to belong to the service.
 */

export interface GrantablePermission {
  name: string
  module: string
  /** i18n key of its label: `<module>.permissions.<rest of the name>` */
  label: string
}

export function permissionLabel(name: string, module: string) {
  return `${module}.permissions.${name.slice(module.length + 1)}`
}

/** The services (slugs) in which a module's permissions are granted; null: every service. */
function servicesOf(module: string): string[] | null {
  const services = (modules.get(module)?.definition.services ?? []).map((service) => service.slug)
  return services.length ? services : null
}

/** The permissions of the enabled modules that can be granted in a service. */
export function grantablePermissions(serviceSlug: string): GrantablePermission[] {
  return modules
    .permissions()
    .filter(({ module }) => {
      const services = servicesOf(module)
      return services === null || services.includes(serviceSlug)
    })
    .map(({ name, module }) => ({ name, module, label: permissionLabel(name, module) }))
}

/**
 * Whether an agent holds a permission: in `serviceSlug`, or else in any of
 * the services the declaring module serves. False for an inactive agent, a
 * permission no enabled module declares, or a service the agent is not in.
 */
export async function agentCan(
  agent: Agent,
  permission: string,
  serviceSlug?: string
): Promise<boolean> {
  if (!agent.active) return false
  const declared = modules.permissions().find(({ name }) => name === permission)
  if (!declared) return false
  const { grants } = await agentAccess(agent)
  const services = await agentServiceSlugs(agent)
  const moduleServices = servicesOf(declared.module)
  const candidates = (serviceSlug ? [serviceSlug] : (moduleServices ?? services)).filter(
    (slug) => services.includes(slug) && (moduleServices === null || moduleServices.includes(slug))
  )
  if (agent.isAdmin) return candidates.length > 0
  return candidates.some((slug) => grants.has(`${slug} ${permission}`))
}

export interface Grant {
  serviceId: number
  permission: string
}

/** The grants an agent holds, as stored (enabled modules or not). */
export async function storedGrants(
  agentId: number,
  client: QueryClientContract = db.connection()
): Promise<Grant[]> {
  const rows = await client
    .from('agent_permissions')
    .where('agent_id', agentId)
    .select('service_id', 'permission')
  return rows.map((row) => ({ serviceId: Number(row.service_id), permission: row.permission }))
}

/**
 * Makes the agent's grants among `offered` (what the form showed) exactly
 * `granted`; grants the form did not offer (a disabled brick's) are kept.
 * Returns what changed, for the audit.
 */
export async function syncGrants(
  agentId: number,
  granted: Grant[],
  offered: Grant[],
  client: QueryClientContract
) {
  const key = (grant: Grant) => `${grant.serviceId} ${grant.permission}`
  const offeredKeys = new Set(offered.map(key))
  const wanted = new Map(
    granted.filter((grant) => offeredKeys.has(key(grant))).map((grant) => [key(grant), grant])
  )
  const current = new Map((await storedGrants(agentId, client)).map((grant) => [key(grant), grant]))
  const removed = [...current.values()].filter(
    (grant) => offeredKeys.has(key(grant)) && !wanted.has(key(grant))
  )
  const added = [...wanted.values()].filter((grant) => !current.has(key(grant)))
  for (const grant of removed) {
    await client
      .from('agent_permissions')
      .where({ agent_id: agentId, service_id: grant.serviceId, permission: grant.permission })
      .delete()
  }
  if (added.length) {
    const now = dbTimestamp(clock.now(), client)
    await client.table('agent_permissions').multiInsert(
      added.map((grant) => ({
        agent_id: agentId,
        service_id: grant.serviceId,
        permission: grant.permission,
        created_at: now,
      }))
    )
  }
  return { added, removed }
}

/** Grants permissions to an agent in a service (demo seeds, tests); what is already granted is left as is. */
export async function grantPermissions(
  agentId: number,
  serviceId: number,
  permissions: string[],
  client: QueryClientContract = db.connection()
) {
  const current = new Set(
    (await storedGrants(agentId, client))
      .filter((grant) => grant.serviceId === serviceId)
      .map((grant) => grant.permission)
  )
  const missing = permissions.filter((permission) => !current.has(permission))
  if (missing.length === 0) return
  const now = dbTimestamp(clock.now(), client)
  await client.table('agent_permissions').multiInsert(
    missing.map((permission) => ({
      agent_id: agentId,
      service_id: serviceId,
      permission,
      created_at: now,
    }))
  )
}
