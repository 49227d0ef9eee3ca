import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * One of the ten recovery codes an agent received when enrolling their
 * second factor, to log in without their phone. Only a keyed hash is kept
 * (the codes were shown once); a used code has `usedAt` and opens nothing.
 */
export default class AgentRecoveryCode extends BaseModel {
  static table = 'agent_recovery_codes'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare agentId: number

  @column({ serializeAs: null })
  declare codeHash: string

  @column.dateTime()
  declare usedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
