import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Activity from './activity.js'

/** One session of an activity (a Wednesday, a holiday week, an outing) with its number of places. */
export default class ActivitySession extends BaseModel {
  static table = 'activity_sessions'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare owner: string

  @column()
  declare activityId: number

  @column()
  declare label: string

  @column()
  declare startsOn: string

  @column()
  declare endsOn: string

  /** HH:MM, when the time matters (an outing's departure) */
  @column()
  declare startsAt: string | null

  @column()
  declare capacity: number

  /** closed by the service: no new registration, shown as closed */
  @column({ consume: (value) => Boolean(value) })
  declare closed: boolean

  @belongsTo(() => Activity, { foreignKey: 'activityId' })
  declare activity: BelongsTo<typeof Activity>
}
