import router from '@adonisjs/core/services/router'

export type RouteParams = Record<string, string | number>
/** Query-string values, undefined, null and '' left out; or a query string already built (without `?`). */
export type RouteQuery = Record<string, string | number | null | undefined> | string

/**
 * The path of a named route: `routeUrl('agent_demands.show', { id })` →
 * `/agents/demandes/12`. Controllers redirect with it rather than with
 * hard-coded paths, so a French URL is written once, in the routes file.
 * Needs the routes loaded (HTTP server, tests): jobs build their links from
 * APP_URL instead.
 */
export function routeUrl(name: string, params: RouteParams = {}, query?: RouteQuery): string {
  if (typeof query === 'string') return router.makeUrl(name, params) + (query ? `?${query}` : '')
  const qs = query
    ? Object.fromEntries(
        Object.entries(query).filter(
          ([, value]) => value !== undefined && value !== null && value !== ''
        )
      )
    : {}
  return router.makeUrl(name, params, Object.keys(qs).length ? { qs } : undefined)
}

export type BrickSide = 'front' | 'back' | 'api'

/**
 * The name under which the portal mounts a brick's route: its own name
 * (`agenda.day`) prefixed with the brick and the side — front routes under
 * the brick's prefix, back routes under /agents<prefix>, API under /api.
 */
export function brickRouteName(brick: string, side: BrickSide, name: string) {
  return `${brick}.${side}.${name}`
}

/**
 * A brick's URL helper, which knows where the portal mounted it. For a brick
 * `library` with the prefix `/mediatheque`: `const urls = brickUrls('library')`,
 * then `urls.back('loans.index', {}, { page: 2 })` → `/agents/mediatheque/prets?page=2`
 * and `urls.front('books.show', { id: 7 })` → `/mediatheque/livres/7`.
 */
export function brickUrls(brick: string) {
  const side = (which: BrickSide) => (name: string, params?: RouteParams, query?: RouteQuery) =>
    routeUrl(brickRouteName(brick, which, name), params, query)
  return { front: side('front'), back: side('back'), api: side('api') }
}
