import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import ApiClient from '#api/models/api_client'
import ApiCall from '#api/models/api_call'
import { hashToken, TOKEN_PREFIX } from '#api/services/tokens'
import { clock } from '#core/clock'

/** The client a token belongs to, if it is known and not revoked (a rotated-out token during its overlap too). */
export async function clientOfToken(token: string | null | undefined) {
  if (!token || !token.startsWith(TOKEN_PREFIX) || token.length > 200) return null
  const hash = hashToken(token)
  const client = await ApiClient.query()
    .whereNull('revokedAt')
    .where((q) => q.where('tokenHash', hash).orWhere('previousTokenHash', hash))
    .first()
  if (!client) return null
  if (client.tokenHash !== hash) {
    // The token replaced by a rotation works until the end of its overlap.
    const until = client.previousTokenExpiresAt
    if (!until || until <= clock.now()) return null
  }
  return client
}

/** Counts one call against the client's limit per minute: the seconds to wait when it is past it, else null. */
export async function consumeRateLimit(client: ApiClient): Promise<number | null> {
  try {
    await limiter
      .use({ requests: client.rateLimit, duration: '1 minute' })
      .consume(`api_client_${client.id}_${client.tokenPrefix}`)
    return null
  } catch (error) {
    if (error instanceof limiterErrors.ThrottleException)
      return Math.max(1, Math.ceil(error.response.availableIn))
    throw error
  }
}

/** One line of a client's call log (the route pattern, never the ids in it). */
export async function logApiCall(
  client: ApiClient,
  call: { method: string; route: string; status: number; startedAt: number }
) {
  await ApiCall.create({
    apiClientId: client.id,
    method: call.method,
    route: call.route,
    status: call.status,
    durationMs: Math.round(performance.now() - call.startedAt),
    createdAt: clock.now(),
  })
}

export type ApiKeyCheck =
  | { client: ApiClient }
  | { refused: 'unknown' | 'scope' }
  | { refused: 'rate'; client: ApiClient; retryAfter: number }

/**
 * The check of a key sent to a module's own machine endpoint (a standard
 * protocol that carries its key in a field, not in `Authorization`): the
 * same clients, tokens, revocation, scopes and rate limit as /api/v1. The
 * module answers the refusal in its protocol's format and logs the call with
 * logApiCall().
 */
export async function verifyApiKey(token: string | null | undefined, scope: string) {
  const client = await clientOfToken(token)
  if (!client) return { refused: 'unknown' } as ApiKeyCheck
  const retryAfter = await consumeRateLimit(client)
  if (retryAfter !== null) return { refused: 'rate', client, retryAfter } as ApiKeyCheck
  if (!client.allows(scope)) return { refused: 'scope' } as ApiKeyCheck
  return { client } as ApiKeyCheck
}
