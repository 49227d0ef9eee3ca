import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import ActivitySession from './activity_session.js'

export type Band = 'A' | 'B' | 'C' | 'D'

/** A périscolaire or extrascolaire activity, its age range, prices by quotient band and registration window. */
export default class Activity extends BaseModel {
  static table = 'childhood_activities'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: 'periscolaire' | 'extrascolaire'

  @column()
  declare name: string

  @column()
  declare description: string | null

  @column()
  declare minAge: number

  @column()
  declare maxAge: number

  @column()
  declare pricing: 'session' | 'period'

  @column({
    prepare: (value: Record<Band, number>) => JSON.stringify(value),
    consume: (value: string | Record<Band, number>) =>
      typeof value === 'string' ? JSON.parse(value) : value,
  })
  declare prices: Record<Band, number>

  @column()
  declare opensOn: string

  @column()
  declare closesOn: string

  @column({ consume: (value) => Boolean(value) })
  declare active: boolean

  @hasMany(() => ActivitySession, { foreignKey: 'activityId' })
  declare sessions: HasMany<typeof ActivitySession>
}
