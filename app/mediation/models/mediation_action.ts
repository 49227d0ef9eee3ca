import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * Something a mediator did for a resident under a mandate: "by X for Y".
 * The resident's timeline shows it; the audit log has its twin entry.
 */
export default class MediationAction extends BaseModel {
  static table = 'mediation_actions'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare mandateId: number

  @column()
  declare userId: number

  @column()
  declare agentId: number

  @column()
  declare agentName: string

  /** the module the page belongs to (a brick's name, demands, appointments) */
  @column()
  declare module: string

  @column()
  declare route: string | null

  @column()
  declare method: string

  @column()
  declare path: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
