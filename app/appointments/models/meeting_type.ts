import { DateTime } from 'luxon'
import { BaseModel, column, manyToMany } from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import MeetingPoint from '#appointments/models/meeting_point'

/** A kind of appointment: its duration (per person or not), who may book it and its booking rules. */
export default class MeetingType extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare key: string

  @column()
  declare label: string

  @column()
  declare serviceSlug: string

  @column()
  declare durationMinutes: number

  @column({ consume: (value) => Boolean(value) })
  declare perPerson: boolean

  @column()
  declare maxPersons: number

  @column()
  declare bookableBy: 'resident' | 'agent'

  @column()
  declare minDelayHours: number

  @column()
  declare maxDelayDays: number

  @column()
  declare cancelDeadlineHours: number

  @column({ consume: (value) => Boolean(value) })
  declare waitingList: boolean

  @column({ consume: (value) => Boolean(value) })
  declare active: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** The points that offer it; none means every open point of its service. */
  @manyToMany(() => MeetingPoint, {
    pivotTable: 'meeting_type_points',
    pivotForeignKey: 'meeting_type_id',
    pivotRelatedForeignKey: 'meeting_point_id',
  })
  declare points: ManyToMany<typeof MeetingPoint>

  /** Residents book it themselves (on /rendez-vous/<key>), not only agents at the counter. */
  get bookable() {
    return this.active && this.bookableBy === 'resident'
  }

  /** Minutes an appointment of this type lasts for this many persons. */
  durationFor(persons: number) {
    return this.durationMinutes * (this.perPerson ? Math.max(1, persons) : 1)
  }
}
