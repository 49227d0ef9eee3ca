import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import { defineJob } from '#jobs/registry'
import { backoffSeconds } from '#jobs/worker'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import WebhookEndpoint from '#api/webhooks/models/webhook_endpoint'
import WebhookAttempt from '#api/webhooks/models/webhook_attempt'
import ApiClient from '#api/models/api_client'
import { signatureHeader } from '#api/webhooks/signing'
import { drainJobFor } from '#api/webhooks/sink'

/** 16 attempts with the outbox's back-off (20 s doubling, capped at 6 h): about 30 hours before a delivery is dead. */
export const MAX_ATTEMPTS = 16
/** A receiver must answer within this; a slower one counts as a failure and is tried again. */
export const TIMEOUT_MS = 10_000
/** A run hands the worker back after this long, and queues its continuation. */
const RUN_BUDGET_MS = 5_000
const BATCH = 100
/** deliveries whose outcome is written in one transaction */
const RECORD_EVERY = 100
const EXCERPT = 300

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
    if (error.name === 'TimeoutError') return `timeout after ${TIMEOUT_MS} ms`
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    return [error.message, cause?.code ?? cause?.message].filter(Boolean).join(': ').slice(0, 500)
  }
  return String(error).slice(0, 500)
}

type Outcome = 'delivered' | 'gone' | 'failed'

interface Sent {
  delivery: WebhookDelivery
  outcome: Outcome
  statusCode: number | null
  excerpt: string | null
  error: string | null
  durationMs: number
  at: DateTime
}

/** One POST with the Standard Webhooks headers; what it gave is written by `record`. */
async function send(endpoint: WebhookEndpoint, delivery: WebhookDelivery, secrets: string[]) {
  // The receiver checks this against its own clock: real time, not the app's calendar.
  const timestamp = Math.floor(clock.realNowMs() / 1000)
  const started = performance.now()
  let statusCode: number | null = null
  let excerpt: string | null = null
  let error: string | null = null
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      // Never followed: a redirect could lead the request anywhere (see README, "SSRF").
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Parvis-Webhooks/1',
        'webhook-id': delivery.messageId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(
          secrets,
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
  const outcome: Outcome =
    statusCode !== null && statusCode >= 200 && statusCode < 300
      ? 'delivered'
      : statusCode === 410
        ? 'gone'
        : 'failed'
  return {
    delivery,
    outcome,
    statusCode,
    excerpt,
    error,
    durationMs: Math.round(performance.now() - started),
    at: clock.now(),
  } satisfies Sent
}

/**
 * Writes the attempts of a run and the deliveries' new states, several in
 * one transaction (one disk sync for many deliveries). A worker that dies
 * between a send and this sends it again: the same `webhook-id`, which the
 * receiver drops (Standard Webhooks' at-least-once).
 */
async function record(endpoint: WebhookEndpoint, sent: Sent[]) {
  if (sent.length === 0) return
  await db.transaction(async (trx) => {
    await WebhookAttempt.createMany(
      sent.map((entry) => ({
        webhookDeliveryId: entry.delivery.id,
        statusCode: entry.statusCode,
        durationMs: entry.durationMs,
        error: entry.error,
        responseExcerpt: entry.excerpt,
        replay: entry.delivery.replay,
        createdAt: entry.at,
      })),
      { client: trx }
    )
    // The delivered ones, most of a run, in one statement per answer status.
    const delivered = sent.filter((entry) => entry.outcome === 'delivered')
    for (const statusCode of new Set(delivered.map((entry) => entry.statusCode))) {
      const group = delivered.filter((entry) => entry.statusCode === statusCode)
      const at = dbTimestamp(group[group.length - 1].at, trx)
      await trx
        .from('webhook_deliveries')
        .whereIn(
          'id',
          group.map((entry) => entry.delivery.id)
        )
        .update({
          status: 'delivered',
          attempts: trx.knexRawQuery('attempts + 1'),
          failures: 0,
          replay: false,
          last_status_code: statusCode,
          last_error: null,
          last_attempt_at: at,
          retry_at: null,
          delivered_at: at,
          updated_at: at,
        })
      for (const entry of group) entry.delivery.status = 'delivered'
    }
    for (const { delivery, outcome, statusCode, error, at } of sent) {
      if (outcome === 'delivered') continue
      delivery.useTransaction(trx)
      delivery.attempts += 1
      delivery.replay = false
      delivery.lastStatusCode = statusCode
      delivery.lastError = error ?? `HTTP ${statusCode}`
      delivery.lastAttemptAt = at
      delivery.retryAt = null
      if (outcome === 'gone') {
        delivery.status = 'gone'
      } else {
        delivery.failures += 1
        if (delivery.failures >= MAX_ATTEMPTS) delivery.status = 'dead'
        else delivery.retryAt = at.plus({ seconds: backoffSeconds(delivery.failures) })
      }
      await delivery.save()
      if (outcome === 'gone') {
        endpoint.useTransaction(trx)
        endpoint.enabled = false
        endpoint.disabledReason = 'gone'
        endpoint.disabledAt = at
        await endpoint.save()
        await holdPending(endpoint.id, trx)
      }
    }
  })
  sent.length = 0
}

async function holdPending(endpointId: number, client = db.connection()) {
  await client
    .from('webhook_deliveries')
    .where('webhook_endpoint_id', endpointId)
    .where('status', 'pending')
    .update({ status: 'held', retry_at: null })
}

/**
 * Sends an endpoint's pending deliveries, oldest first. A failure (5xx, 4xx,
 * a redirect, a timeout, a refused connection) stops the run: the delivery
 * is tried again after its back-off, the ones after it waiting, so the
 * receiver gets them in order. 410 Gone disables the endpoint and holds the
 * rest. A delivery that failed MAX_ATTEMPTS times is dead and no longer
 * holds the others. Safe to run twice: only pending deliveries are sent.
 */
export default defineJob<{ endpointId: number }>({
  queue: 'webhooks',
  // one run per endpoint at a time
  orderingKey: (payload) => `webhook:${payload.endpointId}`,
  async handle({ endpointId }, context) {
    // Waits for the transactions that saw the previous generation (see drainJobFor).
    await db.from('webhook_endpoints').where('id', endpointId).increment('generation', 1)
    const endpoint = await WebhookEndpoint.find(endpointId)
    if (!endpoint) return
    const client = await ApiClient.find(endpoint.apiClientId)
    if (!endpoint.enabled || !client || client.revoked) return holdPending(endpoint.id)
    const secrets = endpoint.signingSecrets()
    const started = performance.now()
    const now = (): DateTime => (clock.now() > context.now ? clock.now() : context.now)
    const sent: Sent[] = []
    try {
      while (true) {
        const batch = await WebhookDelivery.query()
          .where('webhookEndpointId', endpoint.id)
          .where('status', 'pending')
          .orderBy('id')
          .limit(BATCH)
        if (batch.length === 0) return
        for (const delivery of batch) {
          if (delivery.retryAt && delivery.retryAt > now()) {
            await retryLater(endpoint, delivery)
            return
          }
          const result = await send(endpoint, delivery, secrets)
          sent.push(result)
          if (result.outcome !== 'delivered') {
            await record(endpoint, sent)
            if (result.outcome === 'gone') return
            if (delivery.status === 'pending') {
              await retryLater(endpoint, delivery)
              return
            }
          }
          if (sent.length >= RECORD_EVERY) await record(endpoint, sent)
          if (performance.now() - started > RUN_BUDGET_MS) {
            await record(endpoint, sent)
            await drainJobFor(endpoint.id, 0, db.connection(), { key: `after:${delivery.id}` })
            return
          }
        }
        await record(endpoint, sent)
      }
    } finally {
      await record(endpoint, sent)
    }
  },
})

/** The run that tries `delivery` again once its back-off is over (one per attempt). */
function retryLater(endpoint: WebhookEndpoint, delivery: WebhookDelivery) {
  return drainJobFor(endpoint.id, 0, db.connection(), {
    runAt: delivery.retryAt!,
    key: `retry:${delivery.id}:${delivery.attempts}`,
  })
}
