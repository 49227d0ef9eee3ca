import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** What the childhood service knows of a household's child: verified (birth certificate seen), school and class. */
export default class ChildRecord extends BaseModel {
  static table = 'childhood_children'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare householdMemberId: number

  @column()
  declare schoolId: number | null

  @column()
  declare className: string | null

  @column.dateTime()
  declare verifiedAt: DateTime | null

  @column()
  declare verifiedBy: number | null
}
