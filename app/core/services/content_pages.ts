/**
 * Content pages: pages an anonymous visitor reads that need no session (no
 * form, no flash message). Modules register theirs with
 * `contentPage(router.get(...))`, inside a group or not: the pattern is read
 * at the first request, once every group has added its prefix.
 */
const routes: Array<{ toJSON(): { pattern: string } }> = []
let patterns: Set<string> | null = null

export function contentPage<T extends { toJSON(): { pattern: string } }>(route: T): T {
  routes.push(route)
  patterns = null
  return route
}

/** Whether a matched route (`ctx.route.pattern`, prefixes included) is a content page. */
export function isContentPage(pattern: string | undefined) {
  if (pattern === undefined) return false
  // toJSON() gives the pattern with its groups' prefixes; getPattern() gives it without.
  patterns ??= new Set(routes.map((route) => route.toJSON().pattern))
  return patterns.has(pattern)
}

/**
 * Route patterns of other machine endpoints a module serves outside /api
 * (a protocol whose address is fixed by habit, like a standard's `/…/v2/`):
 * registered with `machineRoute(router.post(...))`.
 */
const machinePatterns = new Set<string>()

export function machineRoute<T extends { getPattern(): string }>(route: T): T {
  machinePatterns.add(route.getPattern())
  return route
}

/**
 * Calls from other machines — the APIs under /api (the ANTS hub…),
 * PayFiP's server-to-server payment notification, Prometheus's scrape and the
 * routes registered with machineRoute(): they carry no browser state, so they
 * get no session (no row in the store, no cookie) and no CSRF check; they
 * prove themselves by token, or are read back from the source.
 */
export function isMachineCall(url: string, pattern?: string) {
  return (
    url.startsWith('/api/') ||
    url === '/paiement/notification' ||
    url === '/metrics' ||
    (pattern !== undefined && machinePatterns.has(pattern))
  )
}
