import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import WebhookEndpoint from '#api/webhooks/models/webhook_endpoint'

/**
 * `pending` waits for the worker (or its retry), `delivered` got a 2xx,
 * `held` waits for its disabled endpoint to be enabled again, `gone` was
 * answered 410 (which disabled the endpoint), `dead` failed every attempt.
 */
export type DeliveryStatus = 'pending' | 'delivered' | 'held' | 'gone' | 'dead'

/** One event for one endpoint; `messageId` is its `webhook-id`, the same on every attempt and replay. */
export default class WebhookDelivery extends BaseModel {
  static table = 'webhook_deliveries'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare webhookEndpointId: number

  @belongsTo(() => WebhookEndpoint)
  declare endpoint: BelongsTo<typeof WebhookEndpoint>

  @column()
  declare messageId: string

  @column()
  declare eventType: string

  /** the JSON body sent, byte for byte (it is what is signed) */
  @column()
  declare payload: string

  @column()
  declare status: DeliveryStatus

  @column()
  declare attempts: number

  /** failures since the last success, replay or release */
  @column()
  declare failures: number

  /** the next attempt is an admin's replay */
  @column({ consume: (value) => Boolean(value) })
  declare replay: boolean

  @column()
  declare lastStatusCode: number | null

  @column()
  declare lastError: string | null

  @column.dateTime()
  declare lastAttemptAt: DateTime | null

  @column.dateTime()
  declare retryAt: DateTime | null

  @column.dateTime()
  declare deliveredAt: DateTime | null

  /** Queued again by an admin (a replay) or as its endpoint is enabled again: a fresh series of attempts. */
  queueAgain(replay: boolean) {
    this.status = 'pending'
    this.failures = 0
    this.retryAt = null
    this.replay = replay
  }

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
