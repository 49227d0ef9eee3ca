import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import BuiltProcedureVersion from '#demands/models/built_procedure_version'
import type { ProcedureDocument } from '#demands/procedures/built/document'

const json = {
  prepare: (value: ProcedureDocument) => JSON.stringify(value),
  consume: (value: string | ProcedureDocument) =>
    typeof value === 'string' ? (JSON.parse(value) as ProcedureDocument) : value,
}

/**
 * A procedure built in the back office: the definition being edited (the
 * draft) and which of its published versions residents file now, if any.
 */
export default class BuiltProcedure extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare key: string

  @column(json)
  declare draft: ProcedureDocument

  /** the version new demands use; null until first published */
  @column()
  declare publishedVersion: number | null

  /** shown in the catalogue and open to filing (false once unpublished) */
  @column({ consume: (value) => Boolean(value) })
  declare listed: boolean

  /** grows at each publish or unpublish: processes reload when the sum changes */
  @column()
  declare revision: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => BuiltProcedureVersion)
  declare versions: HasMany<typeof BuiltProcedureVersion>
}
