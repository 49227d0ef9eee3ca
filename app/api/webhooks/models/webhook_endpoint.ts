import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import encryption from '@adonisjs/core/services/encryption'
import ApiClient from '#api/models/api_client'
import { clock } from '#core/clock'

const jsonList = {
  prepare: (value: string[]) => JSON.stringify(value ?? []),
  consume: (value: string | string[]) => (typeof value === 'string' ? JSON.parse(value) : value),
}

/**
 * Where an API client wants to hear of events: a URL, the event types, and a
 * signing secret (`whsec_…`) kept encrypted with APP_KEY, as it must be read
 * to sign. During a rotation the previous secret signs too, until it expires.
 * A `410 Gone` answer disables it; an admin enables it again.
 */
export default class WebhookEndpoint extends BaseModel {
  static table = 'webhook_endpoints'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare apiClientId: number

  @belongsTo(() => ApiClient)
  declare apiClient: BelongsTo<typeof ApiClient>

  @column()
  declare url: string

  @column(jsonList)
  declare events: string[]

  @column({ serializeAs: null })
  declare secret: string

  @column({ serializeAs: null })
  declare previousSecret: string | null

  @column.dateTime()
  declare previousSecretExpiresAt: DateTime | null

  @column({ consume: (value) => Boolean(value) })
  declare enabled: boolean

  @column()
  declare disabledReason: string | null

  @column.dateTime()
  declare disabledAt: DateTime | null

  @column()
  declare generation: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  static seal(secret: string) {
    return encryption.encrypt(secret)
  }

  /** The secret shown to admins (`whsec_…`). */
  get plainSecret(): string {
    return encryption.decrypt<string>(this.secret) ?? ''
  }

  /** The secrets that sign a delivery now: the current one, and the previous one during a rotation. */
  signingSecrets(now: DateTime = clock.now()): string[] {
    const secrets = [this.plainSecret]
    if (this.previousSecret && this.previousSecretExpiresAt && this.previousSecretExpiresAt > now)
      secrets.push(encryption.decrypt<string>(this.previousSecret) ?? '')
    return secrets.filter(Boolean)
  }
}
