import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** What the loopback SMS simulator received: the phone's view, shown to admins. */
export default class SmsSimulatorMessage extends BaseModel {
  static table = 'sms_simulator_messages'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare ticket: string

  @column()
  declare sender: string

  @column()
  declare recipient: string

  @column()
  declare text: string

  @column()
  declare encoding: string

  @column()
  declare segments: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
