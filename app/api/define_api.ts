import type { HttpContext } from '@adonisjs/core/http'
import type { VineValidator } from '@vinejs/vine'
import type ApiClient from '#api/models/api_client'

/** A JSON Schema (2020-12, as OpenAPI 3.1 takes it). */
export type JsonSchema = Record<string, unknown>

export interface ApiParameter {
  name: string
  in: 'path' | 'query' | 'header'
  description: string
  required?: boolean
  schema: JsonSchema
}

export interface ApiCall {
  http: HttpContext
  client: ApiClient
  params: Record<string, string>
  query: Record<string, unknown>
  body: any
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
  /** `example` is shown in the document and run by the test suite against the server */
  requestBody?: { schema: JsonSchema; validator: VineValidator<any, any>; example: unknown }
  query?: VineValidator<any, any>
  /** the success response (its status and schema); problems are added for every route */
  response: { status: number; description: string; schema: JsonSchema; etag?: boolean }
  handle: (call: ApiCall) => Promise<ApiResult>
}

/** What a module declares in its manifest: `api: { resources: () => import('./api/…') }`. */
export interface ApiDeclaration {
  /** the resources (scope prefixes) the module serves, e.g. `demands` */
  resources: string[]
  routes: () => Promise<{ default: ApiRoute[] }>
  /** the business events the module publishes, offered to webhook endpoints (see webhooks/README.md) */
  events?: ApiEventDeclaration[]
}

/** An event a webhook endpoint may subscribe to; its client needs `<resource>:read`. */
export interface ApiEventDeclaration {
  /** `<object>.<what happened>`, e.g. `demand.submitted` */
  type: string
  resource: string
  /** i18n key of what it tells, shown on the subscription form */
  label: string
}

declare module '#core/modules/define_module' {
  interface ModuleExtensions {
    api?: ApiDeclaration
  }
}

export function defineApiRoutes(routes: ApiRoute[]) {
  for (const route of routes) {
    if (!/^[a-z_]+:(read|write)$/.test(route.scope))
      throw new Error(
        `API route ${route.operationId}: scope "${route.scope}" must be resource:read|write`
      )
    if (!route.path.startsWith('/'))
      throw new Error(`API route ${route.operationId}: path must start with /`)
  }
  return routes
}
