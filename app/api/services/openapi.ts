import type { ApiRoute, JsonSchema } from '#api/define_api'
import { API_BASE } from '#api/services/serve'

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
}

const PROBLEMS: Record<string, string> = {
  '401': 'Unknown or revoked token.',
  '403': 'The client lacks the scope.',
  '404': 'Not found, or outside the client’s services.',
  '422': 'The request does not match the schema, or the action is refused.',
  '429': 'Too many calls: wait for `Retry-After` seconds.',
}

function problemResponse(description: string) {
  return {
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  }
}

function operation(route: ApiRoute) {
  const responses: Record<string, unknown> = {
    [String(route.response.status)]: {
      description: route.response.description,
      ...(route.response.etag
        ? {
            headers: {
              ETag: { description: 'The version to send in If-Match.', schema: { type: 'string' } },
            },
          }
        : {}),
      content: { 'application/json': { schema: route.response.schema } },
    },
  }
  for (const [status, description] of Object.entries(PROBLEMS))
    responses[status] = problemResponse(description)
  responses['429'] = {
    ...problemResponse(PROBLEMS['429']),
    headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
  }
  if (route.ifMatch) {
    responses['412'] = problemResponse('The resource changed since the ETag sent in If-Match.')
    responses['428'] = problemResponse('If-Match is missing.')
  }
  if (route.idempotent) {
    responses['400'] = problemResponse('The Idempotency-Key header is missing or too long.')
    responses['409'] = problemResponse('A call with the same Idempotency-Key is still running.')
    responses['422'] = problemResponse(
      'The request does not match the schema, the action is refused, or the Idempotency-Key was used with another body.'
    )
  }
  const parameters = [...(route.parameters ?? [])].map((parameter) => ({ ...parameter }))
  if (route.idempotent)
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description:
        'A unique key per resource to create (a UUID). Sent again with the same body, the first answer is replayed (`Idempotent-Replayed: true`) and nothing is created twice.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    })
  if (route.ifMatch)
    parameters.push({
      name: 'If-Match',
      in: 'header',
      required: true,
      description: 'The ETag of your last read of the resource.',
      schema: { type: 'string' },
    })
  return {
    'operationId': route.operationId,
    'summary': route.summary,
    ...(route.description ? { description: route.description } : {}),
    'tags': [route.tag],
    'x-scope': route.scope,
    'security': [{ bearer: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(route.requestBody
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: route.requestBody.schema,
                example: route.requestBody.example,
              },
            },
          },
        }
      : {}),
    responses,
  }
}

/** The OpenAPI 3.1 document of /api/v1, written from the same declarations the router mounts. */
export function openApiDocument(routes: ApiRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    paths[route.path] ??= {}
    paths[route.path][route.method] = operation(route)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parvis API',
      version: '1.0.0',
      description:
        'For the business software of the city’s services. A bearer token from /agents/admin/api; JSON; errors as RFC 9457 problem details; dates in ISO 8601 with offset.',
    },
    servers: [{ url: API_BASE }],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  }
}
