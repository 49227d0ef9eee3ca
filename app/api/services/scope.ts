import type { ApiCall } from '#api/define_api'
import { problem } from '#api/services/problem'

/**
 * A module's resource belongs to one of its services: a client without that
 * service is answered 404, as if the resource did not exist.
 */
export function ensureService(call: ApiCall, serviceSlug: string, what = 'resource') {
  if (!call.client.services.includes(serviceSlug)) throw problem(404, `No such ${what}.`)
}

/** Whether the client sees a service's data (lists answer empty without it). */
export function seesService(call: ApiCall, serviceSlug: string) {
  return call.client.services.includes(serviceSlug)
}

/**
 * One page of a keyset list read with `limit + 1` rows, newest first: the
 * rows (as `present` shows them, when given) and the next cursor.
 */
export function keysetPage<T extends { id: number }>(
  rows: T[],
  limit: number
): {
  data: T[]
  next_cursor: number | null
}
export function keysetPage<T extends { id: number }, R>(
  rows: T[],
  limit: number,
  present: (row: T) => R
): { data: R[]; next_cursor: number | null }
export function keysetPage<T extends { id: number }, R>(
  rows: T[],
  limit: number,
  present?: (row: T) => R
) {
  const shown = rows.slice(0, limit)
  return {
    data: present ? shown.map((row) => present(row)) : shown,
    next_cursor: rows.length > limit ? shown[shown.length - 1].id : null,
  }
}

/** The query parameters and response envelope of a keyset list, for the OpenAPI document. */
export function pageParameters(max: number) {
  return [
    {
      name: 'limit',
      in: 'query' as const,
      description: `Items per page (1 to ${max}, 50 by default).`,
      schema: { type: 'integer', minimum: 1, maximum: max },
    },
    {
      name: 'cursor',
      in: 'query' as const,
      description: 'The `next_cursor` of the previous page.',
      schema: { type: 'integer' },
    },
  ]
}

export function pageSchema(item: Record<string, unknown>) {
  return {
    type: 'object',
    required: ['data', 'next_cursor'],
    properties: {
      data: { type: 'array', items: item },
      next_cursor: { type: ['integer', 'null'] },
    },
  }
}
