import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import HouseholdMember from '#accounts/models/household_member'

/** A child absent from one day to another (both included): no canteen meal is billed on those days. */
export default class Absence extends BaseModel {
  static table = 'childhood_absences'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare householdMemberId: number

  /** The family (the resident whose household the child belongs to). */
  @column()
  declare userId: number

  /** YYYY-MM-DD */
  @column()
  declare startsOn: string

  /** YYYY-MM-DD */
  @column()
  declare endsOn: string

  @column()
  declare declaredBy: 'agent' | 'family'

  @column()
  declare agentId: number | null

  @column()
  declare reason: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => HouseholdMember)
  declare child: BelongsTo<typeof HouseholdMember>
}
