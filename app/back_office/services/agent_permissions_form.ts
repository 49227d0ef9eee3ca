import type { I18n } from '@adonisjs/i18n'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type Agent from '#accounts/models/agent'
import type Service from '#accounts/models/service'
import {
  grantablePermissions,
  storedGrants,
  syncGrants,
  type Grant,
} from '#accounts/services/permissions'
import AuditEntry from '#accounts/models/audit_entry'
import { fieldError } from '#core/services/form_errors'

/**
 * The permissions part of the agent form: for each service, the permissions
 * the enabled modules serving it declare, as checkboxes whose value is
 * `<service id>:<permission>`. A grant counts only in a service the agent
 * belongs to: ticking a permission of a service left unticked grants nothing.
 */
export function permissionGroups(services: Service[], i18n: I18n) {
  return services
    .map((service) => ({
      service,
      options: grantablePermissions(service.slug).map((permission) => ({
        value: `${service.id}:${permission.name}`,
        label: i18n.t(permission.label),
      })),
    }))
    .filter((group) => group.options.length > 0)
}

/** The agent's grants as the form's checkbox values. */
export async function grantedValues(agentId: number) {
  return (await storedGrants(agentId)).map((grant) => `${grant.serviceId}:${grant.permission}`)
}

/**
 * What the form grants: the ticked values among those it offered, kept only
 * for the services the agent is given. A value it never offered (forged, or
 * a brick disabled since the page was shown) is refused next to the boxes.
 */
export function readGrants(
  services: Service[],
  input: { services: number[]; permissions?: string[] },
  i18n: I18n
) {
  const offered: Grant[] = services.flatMap((service) =>
    grantablePermissions(service.slug).map((permission) => ({
      serviceId: service.id,
      permission: permission.name,
    }))
  )
  const offeredValues = new Set(offered.map((grant) => `${grant.serviceId}:${grant.permission}`))
  const ticked = input.permissions ?? []
  if (ticked.some((value) => !offeredValues.has(value)))
    throw fieldError('permissions', i18n.t('back_office.agents.permission_unknown'))
  const granted = ticked
    .map((value) => ({
      serviceId: Number(value.slice(0, value.indexOf(':'))),
      permission: value.slice(value.indexOf(':') + 1),
    }))
    .filter((grant) => input.services.includes(grant.serviceId))
  return { offered, granted }
}

/** Stores the grants and audits what changed (who gave or took which permission, in which service). */
export async function saveGrants(
  actor: Agent,
  agent: Agent,
  grants: { offered: Grant[]; granted: Grant[] },
  services: Service[],
  client: QueryClientContract
) {
  const { added, removed } = await syncGrants(agent.id, grants.granted, grants.offered, client)
  if (added.length === 0 && removed.length === 0) return
  const slug = (grant: Grant) =>
    services.find((service) => service.id === grant.serviceId)?.slug ?? grant.serviceId
  const detail = [
    `${agent.email} :`,
    ...added.map((grant) => `+${slug(grant)} ${grant.permission}`),
    ...removed.map((grant) => `−${slug(grant)} ${grant.permission}`),
  ].join(' ')
  await AuditEntry.create(
    {
      agentId: actor.id,
      demandId: null,
      action: 'permissions.changed',
      detail: detail.slice(0, 300),
    },
    { client }
  )
}
