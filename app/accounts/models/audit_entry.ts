import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Agent from '#accounts/models/agent'

export type AuditAction =
  | 'demand.viewed'
  | 'file.downloaded'
  | 'demands.exported'
  | 'residents.searched'
  | 'resident.viewed'
  | 'setting.changed'
  | 'permissions.changed'
  | 'payment.recorded'
  | 'demand.withdrawn'
  | 'demand.transferred'
  | 'list.exported'
  | 'list.viewed'
  | 'child.viewed'
  | 'quotient.viewed'
  | 'invoice.cancelled'
  | 'invoice.credited'
  | 'payment.resolved'
  | 'confidential.opened'
  | 'api_client.created'
  | 'api_client.revoked'
  | 'api_client.rotated'
  | 'webhook.created'
  | 'webhook.secret_rotated'
  | 'webhook.enabled'
  | 'webhook.replayed'
  | 'second_factor.enabled'
  | 'second_factor.reset'
  | 'second_factor.recovery_codes_renewed'
  | 'mediation.mandate_granted'
  | 'mediation.mandate_revoked'
  | 'mediation.session_started'
  | 'mediation.session_ended'
  | 'mediation.acted'
  | 'mediation.refused'
  | 'mediation.resident_registered'
  | 'mediation.letter_printed'
  | 'personal_data.export_requested'
  | 'personal_data.downloaded'
  | 'account.deleted'
  | 'procedure.created'
  | 'procedure.changed'
  | 'procedure.published'
  | 'procedure.unpublished'
  | 'procedure.imported'

/**
 * Who read or changed what about people, and when: an agent opened a demand,
 * a resident's record, a child's record or a list of names, exported a list,
 * corrected an invoice, changed a setting or permissions; a resident withdrew
 * a demand (no agent). Every module writes here through recordAudit and
 * auditExport (accounts, below every module that handles personal data); the
 * log is read on /agents/admin/audit. `demandId` names the demand concerned,
 * if any (no relation: the demands module sits above accounts).
 */
export default class AuditEntry extends BaseModel {
  static table = 'audit_entries'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare agentId: number | null

  @column()
  declare demandId: number | null

  @column()
  declare action: AuditAction

  @column()
  declare detail: string | null

  /** Rows an export or a list of people handed to the agent (null: not a list). */
  @column()
  declare rowCount: number | null

  /** the resident's mandate a mediator acted under (digital mediation), if any */
  @column()
  declare mandateId: number | null

  /** the resident a mediator acted for, under `mandateId` */
  @column()
  declare actedForUserId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Agent)
  declare agent: BelongsTo<typeof Agent>
}
