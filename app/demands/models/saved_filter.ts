import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** An inbox filter an agent named to find it again (the query string of the inbox). */
export default class SavedFilter extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare agentId: number

  @column()
  declare name: string

  @column()
  declare query: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
