import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A school of the city, its address and the classes admins list (children are attached to one). */
export default class School extends BaseModel {
  static table = 'childhood_schools'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare address: string | null

  @column({
    prepare: (value: string[]) => JSON.stringify(value ?? []),
    consume: (value: string | string[] | null) =>
      typeof value === 'string' ? JSON.parse(value) : (value ?? []),
  })
  declare classes: string[]
}
