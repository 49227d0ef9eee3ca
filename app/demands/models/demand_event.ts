import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type DemandEventKind =
  | 'submitted'
  | 'transition'
  | 'message'
  | 'note'
  | 'assignment'
  /** the demand went to another service: `body` holds that service's slug */
  | 'transfer'
/** `software`: a business software through /api/v1, named in `actorName` */
export type ActorType = 'resident' | 'agent' | 'system' | 'software'

/** One line of a demand's timeline: who, when, from, to, comment; internal notes are never shown to the resident. */
export default class DemandEvent extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare demandId: number

  @column()
  declare kind: DemandEventKind

  @column()
  declare actorType: ActorType

  @column()
  declare actorId: number | null

  /** the software's name as it was when it wrote the line (actor `software`) */
  @column()
  declare actorName: string | null

  @column()
  declare fromState: string | null

  @column()
  declare toState: string | null

  @column()
  declare transition: string | null

  @column()
  declare body: string | null

  @column({ consume: (value) => Boolean(value) })
  declare visibleToResident: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
