import { BaseModel, column } from '@adonisjs/lucid/orm'

export default class School extends BaseModel {
  static table = 'childhood_schools'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare address: string | null
}
