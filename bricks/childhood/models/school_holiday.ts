import { BaseModel, column } from '@adonisjs/lucid/orm'

export type SchoolZone = 'A' | 'B' | 'C'

/** A school holiday period of a zone: its first and last day without school, both included. */
export default class SchoolHoliday extends BaseModel {
  static table = 'childhood_school_holidays'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare zone: SchoolZone

  @column()
  declare label: string

  @column()
  declare startsOn: string

  @column()
  declare endsOn: string

  @column()
  declare source: 'manual' | 'import'
}
