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
