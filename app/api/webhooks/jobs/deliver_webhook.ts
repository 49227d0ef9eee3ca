import db from '@adonisjs/lucid/services/db'
import { defineJob } from '#jobs/registry'
import { clock } from '#core/clock'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import WebhookEndpoint from '#api/webhooks/models/webhook_endpoint'
import WebhookAttempt from '#api/webhooks/models/webhook_attempt'
import ApiClient from '#api/models/api_client'
import { signatureHeader } from '#api/webhooks/signing'

/** 16 attempts with the outbox's back-off (20 s doubling, capped at 6 h): about 30 hours before a delivery is dead. */
export const MAX_ATTEMPTS = 16
/** A receiver must answer within this; a slower one counts as a failure and is tried again. */
export const TIMEOUT_MS = 10_000
const EXCERPT = 300

export interface DeliverPayload {
  deliveryId: number
  endpointId: number
  /** an admin's replay: the attempt is marked as such */
  replay?: boolean
}

/** Reads at most a few hundred bytes of the answer, so a receiver cannot make us hold a large body. */
async function excerptOf(response: Response) {
  if (!response.body) return null
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    while (size < EXCERPT) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.length
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
  const text = Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT).trim()
  return text || null
}

function describe(error: unknown) {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    if (error.name === 'TimeoutError') return `timeout after ${TIMEOUT_MS} ms`
    return [error.message, cause?.code ?? cause?.message].filter(Boolean).join(': ').slice(0, 500)
  }
  return String(error).slice(0, 500)
}

/**
 * Sends one delivery (Standard Webhooks headers, body as stored) and logs the
 * attempt. 2xx: delivered. 410 Gone: the receiver wants no more; the endpoint
 * is disabled and its next deliveries are held. Anything else (5xx, 4xx, a
 * redirect — never followed —, a timeout, a refused connection): the job
 * fails and the outbox tries again later, the endpoint's next deliveries
 * waiting behind it.
 */
export default defineJob<DeliverPayload>({
  queue: 'webhooks',
  orderingKey: (payload) => `webhook:${payload.endpointId}`,
  maxAttempts: MAX_ATTEMPTS,
  async handle(payload, context) {
    const delivery = await WebhookDelivery.find(payload.deliveryId)
    if (!delivery || delivery.status !== 'pending') return
    const endpoint = await WebhookEndpoint.findOrFail(delivery.webhookEndpointId)
    const client = await ApiClient.find(endpoint.apiClientId)
    if (!endpoint.enabled || !client || client.revoked) {
      delivery.status = 'held'
      await delivery.save()
      return
    }
    // The receiver checks this against its own clock: real time, not the app's calendar.
    const timestamp = Math.floor(Date.now() / 1000)
    const started = performance.now()
    let statusCode: number | null = null
    let excerpt: string | null = null
    let error: string | null = null
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Parvis-Webhooks/1',
          'webhook-id': delivery.messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(
            endpoint.signingSecrets(),
            delivery.messageId,
            timestamp,
            delivery.payload
          ),
        },
        body: delivery.payload,
      })
      statusCode = response.status
      excerpt = await excerptOf(response)
    } catch (caught) {
      error = describe(caught)
    }
    const durationMs = Math.round(performance.now() - started)
    const now = clock.now()
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300
    const gone = statusCode === 410
    const dead = !ok && !gone && context.attempt >= MAX_ATTEMPTS
    await db.transaction(async (trx) => {
      await WebhookAttempt.create(
        {
          webhookDeliveryId: delivery.id,
          statusCode,
          durationMs,
          error,
          responseExcerpt: excerpt,
          replay: Boolean(payload.replay),
          createdAt: now,
        },
        { client: trx }
      )
      delivery.useTransaction(trx)
      delivery.attempts += 1
      delivery.lastStatusCode = statusCode
      delivery.lastError = ok ? null : (error ?? `HTTP ${statusCode}`)
      delivery.lastAttemptAt = now
      if (ok) {
        delivery.status = 'delivered'
        delivery.deliveredAt = now
      } else if (gone) delivery.status = 'gone'
      else if (dead) delivery.status = 'dead'
      await delivery.save()
      if (gone) {
        endpoint.useTransaction(trx)
        endpoint.enabled = false
        endpoint.disabledReason = 'gone'
        endpoint.disabledAt = now
        await endpoint.save()
      }
    })
    if (!ok && !gone) throw new Error(`webhook ${delivery.messageId}: ${delivery.lastError}`)
  },
})
