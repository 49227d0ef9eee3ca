/*
 * Policies, one file each, loaded lazily by Bouncer.
 */
export const policies = {
  AgentPolicy: () => import('#accounts/policies/agent_policy'),
  ServicePolicy: () => import('#accounts/policies/service_policy'),
  CounterPolicy: () => import('#demands/policies/counter_policy'),
}
