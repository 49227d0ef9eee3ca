import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A kind of problem, in a tree admins edit; a leaf or a root is routed to a service and optionally a team. */
export default class Category extends BaseModel {
  static table = 'public_space_categories'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare parentId: number | null

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare serviceSlug: string

  @column()
  declare team: string | null

  @column()
  declare position: number

  @column({ consume: (value) => Boolean(value) })
  declare active: boolean
}
