import type { Route } from '@adonisjs/core/http'

export const MEGABYTE = 1024 * 1024

/**
 * What any form may send besides files: its text fields. Every text field
 * has a maxlength of a few thousand characters at most, so a form that needs
 * more than this is not a form a person filled in.
 */
export const FIELDS_LIMIT_BYTES = MEGABYTE

type Params = Record<string, string>
/** Bytes of files a request to the route may carry, or a function of the route's parameters (a procedure's step…). */
export type FilesLimit = number | ((params: Params) => number | Promise<number>)

const declared: { route: Route; files: FilesLimit }[] = []
let byPattern: Map<string, FilesLimit> | null = null

/**
 * Declares that a route accepts files, and how many bytes of them at most:
 * the request body parser refuses more before writing it anywhere (413), and
 * a route that declares nothing accepts no file at all. Declared next to the
 * route, from the same rules that check the files afterwards.
 */
export function acceptsUploads(route: Route, files: FilesLimit) {
  declared.push({ route, files })
  byPattern = null
  return route
}

/**
 * Bytes of files the route matched for a request may carry (0 when it takes
 * none). Patterns are read once routes are committed (groups add their
 * prefix after the route is declared).
 */
export async function filesLimitOf(
  method: string,
  pattern: string,
  params: Params
): Promise<number> {
  if (!byPattern) {
    byPattern = new Map()
    for (const { route: declaredRoute, files } of declared) {
      const json = declaredRoute.toJSON()
      for (const verb of json.methods) byPattern.set(`${verb} ${json.pattern}`, files)
    }
  }
  const files = byPattern.get(`${method} ${pattern}`)
  if (files === undefined) return 0
  return Math.max(0, typeof files === 'number' ? files : await files(params))
}
