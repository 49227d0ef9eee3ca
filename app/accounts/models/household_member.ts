import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#accounts/models/user'

export type HouseholdMemberKind = 'adult' | 'child'

/** Another adult or a child of a resident's household; forms prefill from it. */
export default class HouseholdMember extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare kind: HouseholdMemberKind

  @column()
  declare firstName: string

  @column()
  declare lastName: string

  @column.date()
  declare birthDate: DateTime | null

  @column()
  declare school: string | null

  @column()
  declare schoolClass: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  get fullName() {
    return `${this.firstName} ${this.lastName}`
  }
}
