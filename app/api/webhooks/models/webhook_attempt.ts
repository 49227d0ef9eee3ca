import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** One try at sending a delivery: the answer's status (null when none came), its duration, the start of its body or the error. */
export default class WebhookAttempt extends BaseModel {
  static table = 'webhook_attempts'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare webhookDeliveryId: number

  @column()
  declare statusCode: number | null

  @column()
  declare durationMs: number

  @column()
  declare error: string | null

  @column()
  declare responseExcerpt: string | null

  @column({ consume: (value) => Boolean(value) })
  declare replay: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
