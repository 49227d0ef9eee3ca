import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

const jsonList = {
  prepare: (value: string[]) => JSON.stringify(value ?? []),
  consume: (value: string | string[]) => (typeof value === 'string' ? JSON.parse(value) : value),
}

/**
 * A business software allowed on /api/v1: what it may read or write
 * (`demands:read`…), the services whose data it sees, its calls per minute.
 * Only the sha256 of its token is kept; during a rotation the previous token
 * keeps working until `previousTokenExpiresAt`.
 */
export default class ApiClient extends BaseModel {
  static table = 'api_clients'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column(jsonList)
  declare scopes: string[]

  @column(jsonList)
  declare services: string[]

  @column()
  declare rateLimit: number

  @column()
  declare tokenPrefix: string

  @column({ serializeAs: null })
  declare tokenHash: string

  @column({ serializeAs: null })
  declare previousTokenHash: string | null

  @column.dateTime()
  declare previousTokenExpiresAt: DateTime | null

  @column()
  declare createdBy: number | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column.dateTime()
  declare lastUsedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get revoked() {
    return this.revokedAt !== null
  }

  allows(scope: string) {
    return this.scopes.includes(scope)
  }
}
