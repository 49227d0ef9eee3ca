import { BaseModel, column } from '@adonisjs/lucid/orm'

/** Days (or part of days) a meeting point, or every point, is closed: strike, works, bridge day… */
export default class Closure extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare meetingPointId: number | null

  /** YYYY-MM-DD, Paris */
  @column()
  declare startsOn: string

  @column()
  declare endsOn: string

  /** HH:mm, when only part of each day is closed */
  @column()
  declare startsAt: string | null

  @column()
  declare endsAt: string | null

  @column()
  declare reason: string
}
