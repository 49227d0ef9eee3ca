import type { HttpContext } from '@adonisjs/core/http'
import type { VineValidator } from '@vinejs/vine'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type ApiClient from '#api/models/api_client'

/** A JSON Schema (2020-12, as OpenAPI 3.1 takes it). */
export type JsonSchema = Record<string, unknown>

export interface ApiParameter {
  name: string
  in: 'path' | 'query' | 'header'
  description: string
  required?: boolean
  schema: JsonSchema
  /** for required query parameters: the value the document shows and the test suite sends */
  example?: unknown
}

export interface ApiCall {
  http: HttpContext
  client: ApiClient
  params: Record<string, string>
  query: Record<string, unknown>
  body: any
  /**
   * on routes declared `idempotent`: the transaction the route writes in,
   * which also stores the answer under the call's `Idempotency-Key`
   */
  trx?: TransactionClientContract
}

export interface ApiResult {
  status?: number
  body: unknown
  etag?: string
}

/**
 * One route of /api/v1, declared once: the router mounts `handle` from it and
 * the OpenAPI document is written from it, so they cannot drift apart.
 * `path` is relative to /api/v1, with OpenAPI's `{param}` placeholders.
 */
export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  path: string
  operationId: string
  /** `<resource>:read` or `<resource>:write` */
  scope: string
  summary: string
  description?: string
  tag: string
  parameters?: ApiParameter[]
  /** state-changing writes: `If-Match` with the ETag of the last read is required */
  ifMatch?: boolean
  /**
   * writes that create: an `Idempotency-Key` header is required; the first
   * answer is stored with the key (in the route's transaction, `call.trx`)
   * and replayed for the same key and body; another body gets 422
   */
  idempotent?: boolean
  /** `example` is shown in the document and run by the test suite against the server */
  requestBody?: { schema: JsonSchema; validator: VineValidator<any, any>; example: unknown }
  query?: VineValidator<any, any>
  /** the success response (its status and schema); problems are added for every route */
  response: { status: number; description: string; schema: JsonSchema; etag?: boolean }
  handle: (call: ApiCall) => Promise<ApiResult>
}

/** What a module declares in its manifest: `api: { resources: [...], routes: () => import('./api/…') }`. */
export interface ApiDeclaration {
  /** the resources (scope prefixes) the module serves under /api/v1, e.g. `demands` */
  resources?: string[]
  routes?: () => Promise<{ default: ApiRoute[] }>
  /**
   * single scopes (`<name>:read|write`) the module checks itself, on machine
   * endpoints of its own outside /api/v1 (a standard protocol's key), with
   * `verifyApiKey()`: admins grant them to a client like the others
   */
  scopes?: string[]
}

export const SCOPE_PATTERN = /^[a-z_0-9]+:(read|write)$/

declare module '#core/modules/define_module' {
  interface ModuleExtensions {
    api?: ApiDeclaration
  }
}

export function defineApiRoutes(routes: ApiRoute[]) {
  for (const route of routes) {
    if (!SCOPE_PATTERN.test(route.scope))
      throw new Error(
        `API route ${route.operationId}: scope "${route.scope}" must be resource:read|write`
      )
    if (!route.path.startsWith('/'))
      throw new Error(`API route ${route.operationId}: path must start with /`)
  }
  return routes
}
