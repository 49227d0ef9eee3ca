import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { ProcedureDocument } from '#demands/procedures/built/document'

/** One published version of a built procedure: never changed once written. */
export default class BuiltProcedureVersion extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare builtProcedureId: number

  @column()
  declare version: number

  @column({
    prepare: (value: ProcedureDocument) => JSON.stringify(value),
    consume: (value: string | ProcedureDocument) =>
      typeof value === 'string' ? (JSON.parse(value) as ProcedureDocument) : value,
  })
  declare definition: ProcedureDocument

  @column()
  declare publishedBy: number | null

  @column.dateTime()
  declare publishedAt: DateTime
}
