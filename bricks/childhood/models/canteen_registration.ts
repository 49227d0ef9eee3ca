import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import HouseholdMember from '#accounts/models/household_member'

/** A child eating at the school canteen on some weekdays of a school year; agents record absences before invoicing. */
export default class CanteenRegistration extends BaseModel {
  static table = 'childhood_canteen_registrations'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare householdMemberId: number

  @column()
  declare userId: number

  @column()
  declare schoolYear: string

  /** weekdays, 1 Monday … 5 Friday, comma-separated */
  @column()
  declare days: string

  @column()
  declare status: 'active' | 'cancelled'

  @column({
    prepare: (value: string[]) => JSON.stringify(value ?? []),
    consume: (value: string | string[]) => (typeof value === 'string' ? JSON.parse(value) : value),
  })
  declare absences: string[]

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => HouseholdMember)
  declare child: BelongsTo<typeof HouseholdMember>

  get weekdays() {
    return this.days.split(',').map(Number).filter(Boolean)
  }
}
