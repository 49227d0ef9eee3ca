import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Agent from '#accounts/models/agent'
import Demand from '#demands/models/demand'

export type AuditAction =
  | 'demand.viewed'
  | 'file.downloaded'
  | 'demands.exported'
  | 'residents.searched'
  | 'resident.viewed'
  | 'setting.changed'
  | 'permissions.changed'
  | 'payment.recorded'
  | 'demand.withdrawn'
  | 'demand.transferred'
  | 'list.exported'
  | 'list.viewed'
  | 'child.viewed'
  | 'quotient.viewed'
  | 'invoice.cancelled'
  | 'invoice.credited'
  | 'payment.resolved'

/** An agent read a demand, took one of its files or looked residents up, transferred a demand, or an admin changed a setting or an agent's permissions, or a resident withdrew a demand (no agent): who, what, when. */
export default class AuditEntry extends BaseModel {
  static table = 'audit_entries'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare agentId: number | null

  @column()
  declare demandId: number | null

  @column()
  declare action: AuditAction

  @column()
  declare detail: string | null

  /** Rows an export or a list of people handed to the agent (null: not a list). */
  @column()
  declare rowCount: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Agent)
  declare agent: BelongsTo<typeof Agent>

  @belongsTo(() => Demand)
  declare demand: BelongsTo<typeof Demand>
}
