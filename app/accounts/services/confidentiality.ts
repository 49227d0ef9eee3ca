import type Agent from '#accounts/models/agent'
import modules from '#core/services/modules'
import { recordAudit } from '#accounts/actions/record_audit'

/*
 * Confidentiality, once for every module. A service a module declares
 * `confidential: true` (in its manifest's `services`), or a procedure that
 * says `confidential: true`, keeps its records to the agents of that
 * service: the modules' queries (inbox, search, exports, 360° view) already
 * scope agents to their own services, and read here whether what they show
 * of another service must be hidden or reduced to "booked"; every opening of
 * a confidential record by an agent is written to the audit log through
 * `auditConfidentialOpening`. Installed modules count, enabled or not: a
 * disabled brick's records stay protected.
 */

/** The slugs and names of the services declared confidential by any installed module. */
export function confidentialServices(): Map<string, string> {
  const services = new Map<string, string>()
  for (const { item } of modules.collect('services', 'installed')) {
    if (item.confidential) services.set(item.slug, item.name)
  }
  return services
}

export function isConfidentialService(slug: string) {
  return confidentialServices().has(slug)
}

/**
 * Whether a reader of these services may see the details of a record of
 * `serviceSlug`: always for a service that is not confidential (the modules'
 * own scoping still applies), only for its own agents otherwise.
 */
export function mayReadConfidential(viewerSlugs: string[], serviceSlug: string) {
  return !isConfidentialService(serviceSlug) || viewerSlugs.includes(serviceSlug)
}

/** The name a masked item shows of its service ("Solidarités"), never its details. */
export function confidentialServiceName(slug: string) {
  return confidentialServices().get(slug) ?? slug
}

/**
 * Writes that an agent opened a confidential record (a demand, an
 * appointment, one of their files): what it was, in a short detail
 * (a reference, a file name), and the demand concerned if any.
 */
export function auditConfidentialOpening(agent: Agent, detail: string, demandId: number | null) {
  return recordAudit(agent, 'confidential.opened', demandId, detail)
}
