import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'

export const STATUSES = ['new', 'acknowledged', 'planned', 'resolved', 'not_city'] as const
export type ReportStatus = (typeof STATUSES)[number]
/** Statuses of a report still to be dealt with. */
export const OPEN_STATUSES: ReportStatus[] = ['new', 'acknowledged', 'planned']

/** A problem in public space a resident reported, at a point of the city. */
export default class Report extends BaseModel {
  static table = 'public_space_reports'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare reference: string

  @column()
  declare categoryId: number

  @column()
  declare serviceSlug: string

  @column()
  declare team: string | null

  @column()
  declare status: ReportStatus

  @column()
  declare address: string

  @column({ consume: (value) => Number(value) })
  declare lat: number

  @column({ consume: (value) => Number(value) })
  declare lng: number

  @column()
  declare description: string

  @column()
  declare userId: number | null

  @column()
  declare contactName: string | null

  @column()
  declare contactEmail: string | null

  @column()
  declare contactPhone: string | null

  @column()
  declare channel: string

  @column.dateTime()
  declare verifiedAt: DateTime | null

  @column({
    consume: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  })
  declare plannedOn: string | null

  @column.dateTime()
  declare resolvedAt: DateTime | null

  @column()
  declare reopenCount: number

  @column()
  declare mergedIntoId: number | null

  /** the last public update its followers were mailed (they are grouped, see jobs/report_mail.ts) */
  @column()
  declare mailedUpdateId: number | null

  @column.dateTime()
  declare updatesMailedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isOpen() {
    return OPEN_STATUSES.includes(this.status)
  }
}
