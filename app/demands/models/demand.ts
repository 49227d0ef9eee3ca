import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import User from '#accounts/models/user'
import DemandEvent from '#demands/models/demand_event'

/** `mediation`: filed online by a mediator acting for the resident under their mandate */
export type DemandOrigin = 'web' | 'counter' | 'phone' | 'mail' | 'mediation'

/** A resident's request for one procedure: a draft, then a submitted demand moving through its workflow. */
export default class Demand extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare reference: string | null

  @column()
  declare procedureKey: string

  /** the version of a built procedure it was filed with (null for coded procedures) */
  @column()
  declare procedureVersion: number | null

  @column()
  declare serviceSlug: string

  @column()
  declare state: string

  @column()
  declare origin: DemandOrigin

  @column()
  declare userId: number | null

  @column()
  declare applicantFirstName: string | null

  @column()
  declare applicantLastName: string | null

  @column()
  declare applicantEmail: string | null

  @column()
  declare applicantPhone: string | null

  @column({
    prepare: (value: Record<string, unknown>) => JSON.stringify(value ?? {}),
    consume: (value: string | Record<string, unknown>) =>
      typeof value === 'string' ? JSON.parse(value) : value,
  })
  declare answers: Record<string, unknown>

  @column()
  declare currentStep: number

  @column()
  declare assigneeId: number | null

  @column()
  declare filedByAgentId: number | null

  @column.dateTime()
  declare submittedAt: DateTime | null

  /** Filed in a session that came from FranceConnect (the resident's identity was certified then). */
  @column({ consume: (value) => Boolean(value) })
  declare filedWithFranceconnect: boolean

  @column.dateTime()
  declare dueAt: DateTime | null

  @column.dateTime()
  declare closedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @hasMany(() => DemandEvent)
  declare events: HasMany<typeof DemandEvent>

  get isDraft() {
    return this.state === 'draft'
  }
}
