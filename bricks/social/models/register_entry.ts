import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Sector from './sector.js'

export type RegisterRelation = 'self' | 'relative' | 'agent'

/**
 * A person aged 65 or over, or disabled, living at home, registered with
 * their consent so that the social service calls them during a heat wave or
 * a cold spell. Confidential to the social service; the resident who
 * registered sees and withdraws it.
 */
export default class RegisterEntry extends BaseModel {
  static table = 'social_register_entries'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number | null

  @column()
  declare agentId: number | null

  @column()
  declare relation: RegisterRelation

  @column()
  declare firstName: string

  @column()
  declare lastName: string

  /** YYYY-MM-DD */
  @column()
  declare birthDate: string | null

  @column({ consume: (value) => Boolean(value) })
  declare disabled: boolean

  @column()
  declare phone: string

  @column()
  declare addressLine: string

  @column()
  declare postalCode: string

  @column()
  declare city: string

  @column()
  declare sectorId: number | null

  @column()
  declare referentName: string | null

  @column()
  declare referentPhone: string | null

  @column()
  declare needs: string | null

  @column.dateTime()
  declare consentAt: DateTime

  @column.dateTime()
  declare checkedAt: DateTime | null

  @column.dateTime()
  declare confirmedAt: DateTime

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Sector)
  declare sector: BelongsTo<typeof Sector>

  get fullName() {
    return `${this.firstName} ${this.lastName}`
  }
}
