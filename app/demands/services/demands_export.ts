import type { I18n } from '@adonisjs/i18n'
import type Agent from '#accounts/models/agent'
import AgentModel from '#accounts/models/agent'
import HouseholdMember from '#accounts/models/household_member'
import DemandFile from '#demands/models/demand_file'
import { DateTime } from 'luxon'
import { inboxQuery, type InboxFilters } from '#demands/queries/inbox'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import {
  allProcedures,
  findProcedure,
  procedureVersions,
  workflowOf,
} from '#demands/procedures/registry'
import { allFields, answerText } from '#demands/procedures/present'
import type { FieldDefinition, ProcedureDefinition } from '#demands/procedures/define_procedure'
import { UTF8_BOM, csvRow } from '#core/services/french_csv'
import { stateOf } from '#workflow/define_workflow'

const BATCH = 1000

/** A timestamp as the driver returns it (a Date on PostgreSQL, UTC text on SQLite), in Paris time. */
function parisDateTime(value: Date | string | null) {
  if (!value) return ''
  const date =
    value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromSQL(value, { zone: 'utc' })
  return date.setZone('Europe/Paris').toFormat('dd/MM/yyyy HH:mm')
}

/** Translations looked up once per key: an export asks for the same labels 100,000 times. */
function memoized(i18n: I18n): I18n {
  const cache = new Map<string, string>()
  return new Proxy(i18n, {
    get(target, property) {
      if (property !== 't') return Reflect.get(target, property)
      return (key: string, data?: Record<string, unknown>, fallback?: string) => {
        if (data && Object.keys(data).length) return target.t(key, data, fallback)
        let text = cache.get(key)
        if (text === undefined) cache.set(key, (text = target.t(key, data, fallback)))
        return text
      }
    },
  })
}

interface ExportRow {
  id: number
  reference: string | null
  procedure_key: string
  procedure_version: number | null
  state: string
  origin: string
  applicant_first_name: string | null
  applicant_last_name: string | null
  applicant_email: string | null
  applicant_phone: string | null
  answers: string | Record<string, unknown>
  assignee_id: number | null
  submitted_at: Date | string | null
  due_at: Date | string | null
}

/**
 * The agent's filtered demands as CSV for French spreadsheets (BOM, `;`),
 * one column per answer field, produced batch by batch (keyset on id) so that
 * memory stays flat whatever the number of rows. `onDone` is told how many
 * rows left once the last one is written (the audit entry's count).
 */
export async function* demandsCsv(
  agent: Agent,
  filters: InboxFilters,
  readerI18n: I18n,
  onDone?: (rowCount: number) => Promise<unknown>
): AsyncGenerator<string> {
  const i18n = memoized(readerI18n)
  const slugs = await agentServiceSlugs(agent)
  const procedures: ProcedureDefinition[] = filters.procedure
    ? [findProcedure(filters.procedure)].filter((procedure): procedure is ProcedureDefinition =>
        Boolean(procedure && slugs.includes(procedure.service))
      )
    : allProcedures().filter((procedure) => slugs.includes(procedure.service))
  // One column per field of the procedure as published now, then those only earlier versions had.
  const columns: { procedure: ProcedureDefinition; field: FieldDefinition }[] = procedures.flatMap(
    (procedure) => {
      const seen = new Set<string>()
      return procedureVersions(procedure)
        .flatMap(allFields)
        .filter((field) => !seen.has(field.name) && seen.add(field.name))
        .map((field) => ({ procedure, field }))
    }
  )
  /** The field as the version a demand was filed with declares it (none: the version had no such field). */
  const versionFields = new Map<string, Map<string, FieldDefinition>>()
  const fieldOf = (row: ExportRow, field: FieldDefinition) => {
    if (!row.procedure_version) return field
    const key = `${row.procedure_key}@${row.procedure_version}`
    let fields = versionFields.get(key)
    if (!fields) {
      const procedure = findProcedure(row.procedure_key, row.procedure_version)
      fields = new Map(procedure ? allFields(procedure).map((item) => [item.name, item]) : [])
      versionFields.set(key, fields)
    }
    return fields.get(field.name)
  }
  const single = procedures.length === 1
  const agents = new Map(
    (await AgentModel.query().select('id', 'firstName', 'lastName')).map((row) => [
      row.id,
      row.fullName,
    ])
  )

  yield (
    UTF8_BOM +
    csvRow([
      i18n.t('demands.export.reference'),
      i18n.t('demands.export.procedure'),
      i18n.t('demands.export.state'),
      i18n.t('demands.export.submitted_at'),
      i18n.t('demands.export.due_at'),
      i18n.t('demands.export.last_name'),
      i18n.t('demands.export.first_name'),
      i18n.t('demands.export.email'),
      i18n.t('demands.export.phone'),
      i18n.t('demands.export.origin'),
      i18n.t('demands.export.assignee'),
      ...columns.map(({ procedure, field }) =>
        single ? i18n.t(field.label) : `${i18n.t(procedure.title)} : ${i18n.t(field.label)}`
      ),
    ])
  )

  const titles = new Map(procedures.map((procedure) => [procedure.key, i18n.t(procedure.title)]))
  const stateLabels = new Map<string, string>()
  const stateLabel = (procedureKey: string, state: string) => {
    const key = `${procedureKey}:${state}`
    let label = stateLabels.get(key)
    if (label === undefined) {
      const procedure = findProcedure(procedureKey)
      const found = procedure
        ? workflowOf(procedure).states.find((candidate) => candidate.key === state)
        : null
      label =
        found && procedure ? i18n.t(stateOf(workflowOf(procedure), found.key).agentLabel) : state
      stateLabels.set(key, label)
    }
    return label
  }
  const fileColumns = columns.some(({ field }) => field.type === 'file')
  const memberColumns = columns.filter(({ field }) => field.type === 'household_member')
  let lastId = 0
  let rowCount = 0
  for (;;) {
    // Plain rows (no model instances): the export reads every row once and keeps none.
    const batch = (await inboxQuery(agent, slugs, filters)
      .where('id', '>', lastId)
      .orderBy('id', 'asc')
      .limit(BATCH)
      .select(
        'id',
        'reference',
        'procedure_key',
        'procedure_version',
        'state',
        'origin',
        'applicant_first_name',
        'applicant_last_name',
        'applicant_email',
        'applicant_phone',
        'answers',
        'assignee_id',
        'submitted_at',
        'due_at'
      )
      .pojo()) as ExportRow[]
    if (batch.length === 0) break
    lastId = batch[batch.length - 1].id
    const ids = batch.map((demand) => demand.id)
    const rows = batch.map((row) => ({
      row,
      answers: (typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers) as Record<
        string,
        unknown
      >,
    }))
    const files = fileColumns
      ? await DemandFile.query()
          .whereIn('demandId', ids)
          .whereNotNull('fieldName')
          .select('id', 'demandId', 'fieldName', 'originalName', 'size')
      : []
    const memberIds = memberColumns.length
      ? rows
          .flatMap(({ answers }) => memberColumns.map(({ field }) => Number(answers[field.name])))
          .filter(Boolean)
      : []
    const members = memberIds.length ? await HouseholdMember.query().whereIn('id', memberIds) : []
    let chunk = ''
    for (const { row, answers } of rows) {
      const own = files.length ? files.filter((file) => file.demandId === row.id) : files
      chunk += csvRow([
        row.reference,
        titles.get(row.procedure_key) ?? row.procedure_key,
        stateLabel(row.procedure_key, row.state),
        parisDateTime(row.submitted_at),
        parisDateTime(row.due_at),
        row.applicant_last_name,
        row.applicant_first_name,
        row.applicant_email,
        row.applicant_phone,
        i18n.t(`demands.origins.${row.origin}`),
        row.assignee_id ? (agents.get(row.assignee_id) ?? '') : '',
        ...columns.map(({ procedure: owner, field }) => {
          const filed = owner.key === row.procedure_key ? fieldOf(row, field) : undefined
          return filed
            ? answerText(filed, answers[field.name], {
                i18n,
                files: own,
                householdMembers: members,
              })
            : ''
        }),
      ])
    }
    rowCount += batch.length
    yield chunk
    if (batch.length < BATCH) break
  }
  await onDone?.(rowCount)
}
