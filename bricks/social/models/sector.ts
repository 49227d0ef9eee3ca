import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A part of the city the register's call lists are split by (admins of the social service keep them). */
export default class Sector extends BaseModel {
  static table = 'social_register_sectors'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  /** The streets it covers, as agents read them when they place a registration. */
  @column()
  declare streets: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
