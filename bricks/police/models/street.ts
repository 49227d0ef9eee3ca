import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A street of the city; homes are declared on it and patrols are cut by it. */
export default class Street extends BaseModel {
  static table = 'police_streets'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare normalized: string

  @column()
  declare sectorId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
