import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** The first answer to a write sent with an `Idempotency-Key`, replayed for the same key and body. */
export default class ApiIdempotencyKey extends BaseModel {
  static table = 'api_idempotency_keys'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare apiClientId: number

  @column()
  declare key: string

  @column()
  declare operationId: string

  /** sha256 of the request body as JSON with sorted keys */
  @column()
  declare requestHash: string

  @column()
  declare status: number

  @column()
  declare responseBody: string

  @column()
  declare etag: string | null

  @column.dateTime()
  declare createdAt: DateTime
}
