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
 * Calls from other machines — the APIs under /api (the ANTS hub…),
 * PayFiP's server-to-server payment notification and Prometheus's scrape: they carry no browser
 * state, so they get no session (no row in the store, no cookie) and no CSRF
 * check; they prove themselves by token, or are read back from the source.
 */
export function isMachineCall(url: string) {
  return url.startsWith('/api/') || url === '/paiement/notification' || url === '/metrics'
}
