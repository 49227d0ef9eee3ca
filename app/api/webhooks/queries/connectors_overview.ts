import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import { storedTimestamp } from '#core/database/dialect'
import WebhookEndpoint from '#api/webhooks/models/webhook_endpoint'
import ApiClient from '#api/models/api_client'

export interface ConnectorState {
  lastSuccess: DateTime | null
  lastFailure: DateTime | null
  lastError: string | null
  waiting: number
  dead: number
}

/**
 * What /agents/admin/connecteurs shows: each webhook endpoint, each queue of
 * the jobs outbox (the outbound connectors of the modules: ANTS, PayFiP,
 * mail…, by the queue their jobs name) and each business software calling
 * /api/v1. A few grouped queries, none per row.
 */
export async function connectorsOverview() {
  const endpoints = await WebhookEndpoint.query().preload('apiClient').orderBy('id')
  const counts = await db
    .from('webhook_deliveries')
    .select('webhook_endpoint_id', 'status')
    .count('* as total')
    .max('delivered_at as last_delivered')
    .whereIn('status', ['pending', 'held', 'dead', 'delivered'])
    .groupBy('webhook_endpoint_id', 'status')
  const failures = await db
    .from('webhook_attempts')
    .join('webhook_deliveries', 'webhook_deliveries.id', 'webhook_attempts.webhook_delivery_id')
    .whereIn(
      'webhook_attempts.id',
      db
        .from('webhook_attempts')
        .join('webhook_deliveries', 'webhook_deliveries.id', 'webhook_attempts.webhook_delivery_id')
        .where((query) =>
          query
            .whereNull('webhook_attempts.status_code')
            .orWhere('webhook_attempts.status_code', '<', 200)
            .orWhere('webhook_attempts.status_code', '>=', 300)
        )
        .groupBy('webhook_deliveries.webhook_endpoint_id')
        .max('webhook_attempts.id')
    )
    .select(
      'webhook_deliveries.webhook_endpoint_id',
      'webhook_attempts.created_at',
      'webhook_attempts.status_code',
      'webhook_attempts.error'
    )
  const webhookStates = new Map<number, ConnectorState>()
  const stateOf = (id: number) => {
    let state = webhookStates.get(id)
    if (!state) {
      state = { lastSuccess: null, lastFailure: null, lastError: null, waiting: 0, dead: 0 }
      webhookStates.set(id, state)
    }
    return state
  }
  for (const row of counts) {
    const state = stateOf(Number(row.webhook_endpoint_id))
    const total = Number(row.total)
    if (row.status === 'pending' || row.status === 'held') state.waiting += total
    if (row.status === 'dead') state.dead += total
    if (row.status === 'delivered') state.lastSuccess = storedTimestamp(row.last_delivered)
  }
  for (const row of failures) {
    const state = stateOf(Number(row.webhook_endpoint_id))
    state.lastFailure = storedTimestamp(row.created_at)
    state.lastError = row.error ?? `HTTP ${row.status_code}`
  }

  const queueRows = await db
    .from('jobs')
    .select('queue', 'status')
    .count('* as total')
    .max('finished_at as last_finished')
    .whereIn('status', ['pending', 'dead', 'succeeded'])
    .groupBy('queue', 'status')
  const queues = new Map<string, ConnectorState>()
  const queueOf = (name: string) => {
    let state = queues.get(name)
    if (!state) {
      state = { lastSuccess: null, lastFailure: null, lastError: null, waiting: 0, dead: 0 }
      queues.set(name, state)
    }
    return state
  }
  for (const row of queueRows) {
    const state = queueOf(row.queue)
    if (row.status === 'pending') state.waiting = Number(row.total)
    if (row.status === 'dead') state.dead = Number(row.total)
    if (row.status === 'succeeded') state.lastSuccess = storedTimestamp(row.last_finished)
  }
  const queueFailures = await db
    .from('jobs')
    .whereIn('id', db.from('jobs').whereNotNull('last_error').groupBy('queue').max('id'))
    .select('queue', 'updated_at', 'last_error')
  for (const row of queueFailures) {
    const state = queueOf(row.queue)
    state.lastFailure = storedTimestamp(row.updated_at)
    state.lastError = String(row.last_error).split('\n')[0].slice(0, 300)
  }

  const clients = await ApiClient.query().whereNull('revokedAt').orderBy('name')
  const calls = new Map<number, { lastSuccess: DateTime | null; lastFailure: DateTime | null }>()
  for (const ok of [true, false]) {
    const rows = await db
      .from('api_calls')
      .where('status', ok ? '<' : '>=', 400)
      .select('api_client_id')
      .max('created_at as last_at')
      .groupBy('api_client_id')
    for (const row of rows) {
      const id = Number(row.api_client_id)
      const entry = calls.get(id) ?? { lastSuccess: null, lastFailure: null }
      if (ok) entry.lastSuccess = storedTimestamp(row.last_at)
      else entry.lastFailure = storedTimestamp(row.last_at)
      calls.set(id, entry)
    }
  }

  const empty: ConnectorState = {
    lastSuccess: null,
    lastFailure: null,
    lastError: null,
    waiting: 0,
    dead: 0,
  }
  return {
    endpoints: endpoints.map((endpoint) => ({
      endpoint,
      state: webhookStates.get(endpoint.id) ?? empty,
    })),
    queues: [...queues.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, state]) => ({ name, state })),
    clients: clients.map((client) => ({
      client,
      calls: calls.get(client.id) ?? { lastSuccess: null, lastFailure: null },
    })),
  }
}
