import type { BasePolicy } from '@adonisjs/bouncer'
import type { Constructor, LazyImport } from '@adonisjs/bouncer/types'
import modules from '#core/services/modules'

type NamedPolicies = Record<string, LazyImport<Constructor<BasePolicy>>>

declare module '#core/modules/define_module' {
  interface ModuleExtensions {
    /** Bouncer policies views name (`@can('CounterPolicy.fileAtCounter')`), loaded lazily. */
    policies?: NamedPolicies
  }
}

/*
 * Policies Bouncer can find by name, one file each, loaded lazily: accounts'
 * own, and those the other modules declare in their manifests.
 */
export const policies = {
  AgentPolicy: () => import('#accounts/policies/agent_policy'),
  ServicePolicy: () => import('#accounts/policies/service_policy'),
}

let everyPolicy: NamedPolicies | null = null

/** Accounts' policies and every module's declared ones (read once: manifests do not change at run time). */
export function namedPolicies(): typeof policies {
  if (!everyPolicy) {
    everyPolicy = { ...policies }
    for (const { name, item } of modules.collectKeyed<LazyImport<Constructor<BasePolicy>>>(
      'policies',
      'installed'
    ))
      everyPolicy[name] = item
  }
  return everyPolicy as typeof policies
}
