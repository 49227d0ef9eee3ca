import { BaseModel, column } from '@adonisjs/lucid/orm'

export const DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const
export type Datatype = (typeof DATATYPES)[number]

export interface Choice {
  key: string
  name: string
}

/**
 * An extra question of a category, as Open311 clients are asked it (a
 * GeoReport v2 service definition's `attribute`): `code` is the name of the
 * `attribute[code]` field, `position` its order.
 */
export default class CategoryAttribute extends BaseModel {
  static table = 'public_space_category_attributes'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare categoryId: number

  @column()
  declare code: string

  @column()
  declare datatype: Datatype

  @column({ consume: (value) => Boolean(value) })
  declare variable: boolean

  @column({ consume: (value) => Boolean(value) })
  declare required: boolean

  @column()
  declare position: number

  @column()
  declare description: string

  @column()
  declare datatypeDescription: string | null

  @column({
    prepare: (value: Choice[] | null) => (value ? JSON.stringify(value) : null),
    consume: (value: string | Choice[] | null) =>
      typeof value === 'string' ? (JSON.parse(value) as Choice[]) : (value ?? null),
  })
  declare choices: Choice[] | null
}
