import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type ApiClient from '#api/models/api_client'
import ApiIdempotencyKey from '#api/models/api_idempotency_key'
import type { ApiCall, ApiResult, ApiRoute } from '#api/define_api'
import { problem, ProblemError } from '#api/services/problem'
import { clock } from '#core/clock'

/** JSON with its object keys sorted, so that the same body hashes the same whatever its order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])])
    )
  return value
}

export function requestHash(body: unknown) {
  return createHash('sha256')
    .update(JSON.stringify(canonical(body ?? null)))
    .digest('hex')
}

export type IdempotentResult = ApiResult & { replayed?: boolean }

function replay(stored: ApiIdempotencyKey, route: ApiRoute, hash: string): IdempotentResult {
  if (stored.operationId !== route.operationId || stored.requestHash !== hash)
    throw new ProblemError({
      status: 422,
      title: 'Unprocessable Content',
      type: 'idempotency-key-reused',
      detail: 'This Idempotency-Key was already used with another request.',
    })
  return {
    status: stored.status,
    body: JSON.parse(stored.responseBody),
    etag: stored.etag ?? undefined,
    replayed: true,
  }
}

/**
 * Runs a creating write once per `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header):
 * the route's writes and the stored answer share one transaction, so either
 * both are kept or neither; the same key and body later get the stored answer
 * again, another body 422. Two calls racing with one key: the unique index
 * lets one commit, the other then reads its answer.
 */
export async function runIdempotent(
  route: ApiRoute,
  client: ApiClient,
  call: ApiCall,
  rawBody: unknown
): Promise<IdempotentResult> {
  const key = call.http.request.header('idempotency-key')?.trim()
  if (!key) throw problem(400, 'Send an Idempotency-Key header (a UUID) with this request.')
  if (key.length > 255) throw problem(400, 'The Idempotency-Key is longer than 255 characters.')
  const hash = requestHash(rawBody)
  const find = () =>
    ApiIdempotencyKey.query().where('apiClientId', client.id).where('key', key).first()
  const known = await find()
  if (known) return replay(known, route, hash)
  try {
    return await db.transaction(async (trx) => {
      const result = await route.handle({ ...call, trx })
      await ApiIdempotencyKey.create(
        {
          apiClientId: client.id,
          key,
          operationId: route.operationId,
          requestHash: hash,
          status: result.status ?? route.response.status,
          responseBody: JSON.stringify(result.body),
          etag: result.etag ?? null,
          createdAt: clock.now(),
        },
        { client: trx }
      )
      return result
    })
  } catch (error) {
    if (error instanceof ProblemError) throw error
    const winner = await find()
    if (winner) return replay(winner, route, hash)
    throw error
  }
}
