import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import ActivitySession from './activity_session.js'

/** Price bands (by quotient familial, or by income for seniors): A the lowest. */
export type Band = 'A' | 'B' | 'C' | 'D'

const json = <T>(fallback: T) => ({
  prepare: (value: T) => JSON.stringify(value ?? fallback),
  consume: (value: string | T) => (typeof value === 'string' ? JSON.parse(value) : value) as T,
})

/**
 * An activity run by a module (`owner`): its age range, prices by band,
 * registration window and what it offers (`options`, the owner's to read).
 */
export default class Activity extends BaseModel {
  static table = 'activities'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare owner: string

  @column()
  declare kind: string

  @column()
  declare name: string

  @column()
  declare description: string | null

  @column()
  declare season: string | null

  @column()
  declare location: string | null

  @column()
  declare minAge: number

  @column()
  declare maxAge: number

  @column()
  declare pricing: 'session' | 'period'

  @column(json<Record<Band, number>>({ A: 0, B: 0, C: 0, D: 0 }))
  declare prices: Record<Band, number>

  @column()
  declare opensOn: string

  @column()
  declare closesOn: string

  @column({ consume: (value) => Boolean(value) })
  declare active: boolean

  @column(json<Record<string, unknown>>({}))
  declare options: Record<string, unknown>

  @hasMany(() => ActivitySession, { foreignKey: 'activityId' })
  declare sessions: HasMany<typeof ActivitySession>
}
