import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import HouseholdMember from '#accounts/models/household_member'
import User from '#accounts/models/user'
import ActivitySession from './activity_session.js'

export type RegistrationStatus = 'placed' | 'waiting' | 'cancelled' | 'refused'

/**
 * Someone registered to a session: with a place, or waiting for one (in
 * order of registration). The participant is a household member, the
 * account holder (no member), or, registered at the counter, nobody with an
 * account (the owner module keeps who).
 */
export default class ActivityRegistration extends BaseModel {
  static table = 'activity_registrations'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare owner: string

  @column()
  declare sessionId: number

  @column()
  declare householdMemberId: number | null

  @column()
  declare userId: number | null

  @column()
  declare status: RegistrationStatus

  /** places taken: 1, 2 with a companion */
  @column()
  declare seats: number

  @column.dateTime()
  declare acceptedAt: DateTime | null

  @column({
    prepare: (value: Record<string, boolean>) => JSON.stringify(value ?? {}),
    consume: (value: string | Record<string, boolean>) =>
      typeof value === 'string' ? JSON.parse(value) : value,
  })
  declare attendance: Record<string, boolean>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => ActivitySession, { foreignKey: 'sessionId' })
  declare session: BelongsTo<typeof ActivitySession>

  @belongsTo(() => HouseholdMember)
  declare member: BelongsTo<typeof HouseholdMember>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
