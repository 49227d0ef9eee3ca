import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Street from './street.js'

export type AbsenceStatus = 'active' | 'cancelled' | 'returned'

/** A home the patrols watch from departure to return (both days included), declared through the OTV procedure. */
export default class OtvAbsence extends BaseModel {
  static table = 'police_otv_absences'

  @column({ isPrimary: true })
  declare id: number

  /** The demand's reference, on the receipt. */
  @column()
  declare reference: string

  @column()
  declare userId: number | null

  @column()
  declare email: string | null

  @column()
  declare fullName: string | null

  @column()
  declare streetId: number

  @column()
  declare streetNumber: number

  @column()
  declare addressComplement: string | null

  /** YYYY-MM-DD */
  @column()
  declare startsOn: string

  /** YYYY-MM-DD */
  @column()
  declare endsOn: string

  @column()
  declare status: AbsenceStatus

  /** declared without an account, receipt link not opened yet: not watched */
  @column({ consume: (value) => Boolean(value) })
  declare awaitingEmailConfirmation: boolean

  @column()
  declare homeType: string

  @column({ consume: (value) => Boolean(value) })
  declare alarm: boolean

  @column()
  declare alarmCompany: string | null

  @column()
  declare keyHolderName: string | null

  @column()
  declare keyHolderPhone: string | null

  @column()
  declare vehicles: string | null

  @column()
  declare pets: string | null

  @column()
  declare reachPhone: string | null

  @column()
  declare instructions: string | null

  @column()
  declare locale: string

  @column.dateTime()
  declare summarySentAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Street)
  declare street: BelongsTo<typeof Street>
}
