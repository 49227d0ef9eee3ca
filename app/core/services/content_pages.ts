/**
 * Route patterns of content pages: pages an anonymous visitor reads that
 * need no session (no form, no flash message). Modules register theirs with
 * `contentPage(router.get(...))`.
 */
const patterns = new Set<string>()

export function contentPage<T extends { getPattern(): string }>(route: T): T {
  patterns.add(route.getPattern())
  return route
}

export function isContentPage(pattern: string | undefined) {
  return pattern !== undefined && patterns.has(pattern)
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
