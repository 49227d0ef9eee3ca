import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import ActivitySession from './activity_session.js'
import HouseholdMember from '#accounts/models/household_member'

export type RegistrationStatus = 'placed' | 'waiting' | 'cancelled' | 'refused'

/** A child registered to a session: with a place, or waiting for one (in order of registration). */
export default class Registration extends BaseModel {
  static table = 'childhood_registrations'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare sessionId: number

  @column()
  declare householdMemberId: number

  @column()
  declare userId: number

  @column()
  declare status: RegistrationStatus

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
  declare child: BelongsTo<typeof HouseholdMember>
}
