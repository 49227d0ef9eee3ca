import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import ActivityRegistration from '#activities/models/activity_registration'

/** A senior's registration to an outing, workshop or event: the engine's row plus the seniors' details. */
export default class SeniorRegistration extends BaseModel {
  static table = 'social_senior_registrations'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare registrationId: number

  @column()
  declare participantName: string

  @column()
  declare phone: string | null

  @column()
  declare emergencyContact: string | null

  @column({ consume: (value) => Boolean(value) })
  declare companion: boolean

  @column({ consume: (value) => Boolean(value) })
  declare shuttle: boolean

  @column()
  declare pickupAddress: string | null

  @column()
  declare pickupOrder: number | null

  @column()
  declare agentId: number | null

  @column({ consume: (value) => Boolean(value) })
  declare retirementChecked: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => ActivityRegistration, { foreignKey: 'registrationId' })
  declare registration: BelongsTo<typeof ActivityRegistration>
}
