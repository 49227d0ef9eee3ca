import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A family's quotient familial as declared with the CAF attestation, validated (or not) by an agent. */
export default class Quotient extends BaseModel {
  static table = 'childhood_quotients'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare value: number

  @column()
  declare documentKey: string | null

  @column()
  declare documentName: string | null

  @column()
  declare status: 'pending' | 'validated' | 'rejected'

  @column()
  declare validatedBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
