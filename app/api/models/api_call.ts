import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** One call of an API client: the route pattern (never the ids in it), its status and duration. */
export default class ApiCall extends BaseModel {
  static table = 'api_calls'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare apiClientId: number

  @column()
  declare method: string

  @column()
  declare route: string

  @column()
  declare status: number

  @column()
  declare durationMs: number

  @column.dateTime()
  declare createdAt: DateTime
}
