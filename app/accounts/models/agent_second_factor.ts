import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import encryption from '@adonisjs/core/services/encryption'

/** What the encryption of a secret is bound to: a sealed value copied into another column does not open. */
const PURPOSE = 'agent_second_factor'

/**
 * An agent's authenticator (TOTP, RFC 6238). Unconfirmed while the agent has
 * only seen the QR code; confirmed once they typed a first code from their
 * application, and from then on asked at every login (see
 * #back_office/services/second_factor_login).
 */
export default class AgentSecondFactor extends BaseModel {
  static table = 'agent_second_factors'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare agentId: number

  /** The shared secret, in base32 (as authenticator applications read it); encrypted with APP_KEY in the database. */
  @column({
    serializeAs: null,
    prepare: (value: string) => encryption.encrypt(value, undefined, PURPOSE),
    consume: (value: string) => encryption.decrypt<string>(value, PURPOSE) ?? '',
  })
  declare secret: string

  @column.dateTime()
  declare confirmedAt: DateTime | null

  /** The period of the last code accepted (PostgreSQL returns a bigint as text). */
  @column({ consume: (value) => (value === null ? null : Number(value)) })
  declare lastUsedStep: number | null

  /** What a remembered browser's cookie must carry: a new one at each enrolment. */
  @column({ serializeAs: null })
  declare browserKey: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isConfirmed() {
    return this.confirmedAt !== null
  }
}
