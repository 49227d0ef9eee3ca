import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** Platform-wide key/value settings (for now: when the demo city was seeded). */
export default class Setting extends BaseModel {
  static table = 'settings'
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare key: string

  @column()
  declare value: string | null

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  static async read(key: string, client?: TransactionClientContract) {
    const row = await this.query({ client }).where('key', key).first()
    return row?.value ?? null
  }

  static async write(key: string, value: string, client?: TransactionClientContract) {
    await this.updateOrCreate({ key }, { value }, { client })
  }
}
