import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A weekly opening range of a meeting point, for one desk or all of them (Paris wall-clock times). */
export default class OpeningRange extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare meetingPointId: number

  @column()
  declare desk: number | null

  /** 1 Monday … 7 Sunday */
  @column()
  declare weekday: number

  /** HH:mm */
  @column()
  declare startsAt: string

  @column()
  declare endsAt: string
}
