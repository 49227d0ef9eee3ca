import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#accounts/models/user'
import Agent from '#accounts/models/agent'
import { clock } from '#core/clock'

export type MandateChannel = 'paper' | 'online'

/**
 * A resident's consent that one mediator acts for them: in which modules
 * (scope), from when until when (at most 12 months). Recorded at the counter
 * with the signed form scanned, or given online from /mon-espace; the
 * resident revokes it at any time.
 */
export default class Mandate extends BaseModel {
  static table = 'mediation_mandates'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare agentId: number

  @column({
    prepare: (value: string[]) => JSON.stringify(value ?? []),
    consume: (value: string | string[]) => (typeof value === 'string' ? JSON.parse(value) : value),
  })
  declare scope: string[]

  @column()
  declare channel: MandateChannel

  @column.dateTime()
  declare startsAt: DateTime

  @column.dateTime()
  declare endsAt: DateTime

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column()
  declare revokedBy: 'resident' | 'agent' | null

  @column({ serializeAs: null })
  declare scanKey: string | null

  @column()
  declare scanName: string | null

  @column()
  declare scanMime: string | null

  @column()
  declare scanSize: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => Agent)
  declare agent: BelongsTo<typeof Agent>

  /** Holds now: started, not ended, not revoked (by the project's clock). */
  get isActive() {
    const now = clock.nowMs()
    return (
      this.revokedAt === null && this.startsAt.toMillis() <= now && this.endsAt.toMillis() > now
    )
  }
}
