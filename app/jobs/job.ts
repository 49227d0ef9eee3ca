import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type JobStatus = 'pending' | 'running' | 'succeeded' | 'dead'

/** One row of the outbox. */
export default class Job extends BaseModel {
  static table = 'jobs'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare queue: string

  @column()
  declare name: string

  @column()
  declare payload: string

  @column()
  declare idempotencyKey: string

  @column()
  declare status: JobStatus

  @column()
  declare attempts: number

  @column()
  declare maxAttempts: number

  @column.dateTime()
  declare runAt: DateTime

  @column.dateTime()
  declare lockedAt: DateTime | null

  @column()
  declare lockedBy: string | null

  /** the holding worker's last sign of life */
  @column.dateTime()
  declare heartbeatAt: DateTime | null

  @column()
  declare orderingKey: string | null

  @column()
  declare lastError: string | null

  @column.dateTime()
  declare finishedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** When the worker holding this running job last said it was alive. */
  get lastSignOfLife() {
    return this.heartbeatAt ?? this.lockedAt
  }

  /** Failed at least once and will be tried again. */
  get isRetrying() {
    return this.status === 'pending' && this.attempts > 0
  }
}
