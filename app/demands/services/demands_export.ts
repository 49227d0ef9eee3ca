import type { I18n } from '@adonisjs/i18n'
import type Agent from '#accounts/models/agent'
import AgentModel from '#accounts/models/agent'
import HouseholdMember from '#accounts/models/household_member'
import DemandFile from '#demands/models/demand_file'
import type Demand from '#demands/models/demand'
import { inboxQuery, type InboxFilters } from '#demands/queries/inbox'
import { agentServiceSlugs } from '#demands/policies/demand_access'
import { allProcedures, findProcedure, workflowOf } from '#demands/procedures/registry'
import { allFields, answerText } from '#demands/procedures/present'
import type { FieldDefinition, ProcedureDefinition } from '#demands/procedures/define_procedure'
import { UTF8_BOM, csvRow } from '#core/services/french_csv'
import { stateOf } from '#workflow/define_workflow'

const BATCH = 1000

function parisDateTime(value: Demand['submittedAt']) {
  return value ? value.setZone('Europe/Paris').toFormat('dd/MM/yyyy HH:mm') : ''
}

/**
 * The agent's filtered demands as CSV for French spreadsheets (BOM, `;`),
 * one column per answer field, produced batch by batch (keyset on id) so that
 * memory stays flat whatever the number of rows.
 */
export async function* demandsCsv(agent: Agent, filters: InboxFilters, i18n: I18n): AsyncGenerator<string> {
  const slugs = await agentServiceSlugs(agent)
  const procedures: ProcedureDefinition[] = filters.procedure
    ? [findProcedure(filters.procedure)].filter((procedure): procedure is ProcedureDefinition => Boolean(procedure && slugs.includes(procedure.service)))
    : allProcedures().filter((procedure) => slugs.includes(procedure.service))
  const columns: { procedure: ProcedureDefinition; field: FieldDefinition }[] = procedures.flatMap((procedure) => allFields(procedure).map((field) => ({ procedure, field })))
  const single = procedures.length === 1
  const agents = new Map((await AgentModel.query().select('id', 'firstName', 'lastName')).map((row) => [row.id, row.fullName]))

  yield UTF8_BOM +
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
      ...columns.map(({ procedure, field }) => (single ? i18n.t(field.label) : `${i18n.t(procedure.title)} : ${i18n.t(field.label)}`)),
    ])

  const titles = new Map(procedures.map((procedure) => [procedure.key, i18n.t(procedure.title)]))
  let lastId = 0
  for (;;) {
    const query = inboxQuery(agent, slugs, filters)
    const batch = await query.where('id', '>', lastId).orderBy('id', 'asc').limit(BATCH)
    if (batch.length === 0) return
    lastId = batch[batch.length - 1].id
    const ids = batch.map((demand) => demand.id)
    const needsFiles = columns.some(({ field }) => field.type === 'file')
    const files = needsFiles ? await DemandFile.query().whereIn('demandId', ids).whereNotNull('fieldName').select('id', 'demandId', 'fieldName', 'originalName', 'size') : []
    const memberIds = columns.some(({ field }) => field.type === 'household_member')
      ? batch.flatMap((demand) => columns.filter(({ field }) => field.type === 'household_member').map(({ field }) => Number(demand.answers[field.name]))).filter(Boolean)
      : []
    const members = memberIds.length ? await HouseholdMember.query().whereIn('id', memberIds) : []
    let chunk = ''
    for (const demand of batch) {
      const procedure = findProcedure(demand.procedureKey)
      const state = procedure ? workflowOf(procedure).states.find((candidate) => candidate.key === demand.state) : null
      chunk += csvRow([
        demand.reference,
        titles.get(demand.procedureKey) ?? demand.procedureKey,
        state && procedure ? i18n.t(stateOf(workflowOf(procedure), state.key).agentLabel) : demand.state,
        parisDateTime(demand.submittedAt),
        parisDateTime(demand.dueAt),
        demand.applicantLastName,
        demand.applicantFirstName,
        demand.applicantEmail,
        demand.applicantPhone,
        i18n.t(`demands.origins.${demand.origin}`),
        demand.assigneeId ? (agents.get(demand.assigneeId) ?? '') : '',
        ...columns.map(({ procedure: owner, field }) =>
          owner.key === demand.procedureKey
            ? answerText(field, demand.answers[field.name], { i18n, files: files.filter((file) => file.demandId === demand.id), householdMembers: members })
            : ''
        ),
      ])
    }
    yield chunk
    if (batch.length < BATCH) return
  }
}
