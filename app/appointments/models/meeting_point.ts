import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import OpeningRange from '#appointments/models/opening_range'

/** A place where residents are received (town hall, annex), with its desks. */
export default class MeetingPoint extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare addressLine: string

  @column()
  declare postalCode: string

  @column()
  declare city: string

  @column({ consume: (value) => (value === null ? null : Number(value)) })
  declare latitude: number | null

  @column({ consume: (value) => (value === null ? null : Number(value)) })
  declare longitude: number | null

  @column()
  declare accessNotes: string | null

  @column()
  declare serviceSlug: string

  @column()
  declare desks: number

  @column({ consume: (value) => Boolean(value) })
  declare active: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => OpeningRange)
  declare openingRanges: HasMany<typeof OpeningRange>

  get fullAddress() {
    return `${this.addressLine}, ${this.postalCode} ${this.city}`
  }
}
