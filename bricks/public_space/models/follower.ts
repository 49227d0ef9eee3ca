import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'

/** Someone who gets a report's public updates by mail: its reporter, or a neighbour who follows it. */
export default class Follower extends BaseModel {
  static table = 'public_space_followers'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare reportId: number

  @column()
  declare email: string

  @column({ consume: (value) => Boolean(value) })
  declare reporter: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
