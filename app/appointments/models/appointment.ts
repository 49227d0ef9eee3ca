import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'

export type AppointmentStatus = 'booked' | 'cancelled' | 'attended' | 'no_show'

/** A booked time at a desk of a meeting point, for one or several persons. */
export default class Appointment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare meetingPointId: number

  @column()
  declare meetingTypeId: number

  @column()
  declare desk: number

  @column.dateTime()
  declare startsAt: DateTime

  @column.dateTime()
  declare endsAt: DateTime

  @column()
  declare status: AppointmentStatus

  @column()
  declare persons: number

  @column()
  declare userId: number | null

  @column()
  declare firstName: string

  @column()
  declare lastName: string

  @column()
  declare email: string | null

  @column()
  declare phone: string | null

  @column({
    prepare: (value: Record<string, unknown>) => JSON.stringify(value ?? {}),
    consume: (value: string | Record<string, unknown>) =>
      typeof value === 'string' ? JSON.parse(value) : value,
  })
  declare details: Record<string, any>

  @column()
  declare origin: 'web' | 'counter' | 'phone'

  @column()
  declare bookedByAgentId: number | null

  @column()
  declare cancelledBy: 'resident' | 'agent' | 'system' | null

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => MeetingPoint)
  declare meetingPoint: BelongsTo<typeof MeetingPoint>

  @belongsTo(() => MeetingType)
  declare meetingType: BelongsTo<typeof MeetingType>

  get fullName() {
    return `${this.firstName} ${this.lastName}`
  }
}
