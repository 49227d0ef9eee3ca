import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { setting, type SettingDefinition, type SettingDefinitions } from '#core/modules/settings'
import { readSettings } from '#core/services/settings'
import {
  RETENTION_MONTHS,
  SLA_DAYS,
  type ProcedureDefinition,
} from '#demands/procedures/define_procedure'
import { allProcedures } from '#demands/procedures/registry'
import { isProcedureOpen } from '#demands/services/filing_catalogue'

/*
 * Each procedure's processing time (SLA, in working days) and the retention
 * of its closed demands (in months) are settings of the demands module,
 * derived from the procedures the modules register: the code's values are
 * the defaults, an admin changes them in /agents/admin/reglages, and the
 * filing (due date) and the nightly retention job read what is in force.
 */

export function slaDaysKey(procedureKey: string) {
  return `${procedureKey}__sla_days`
}

export function retentionMonthsKey(procedureKey: string) {
  return `${procedureKey}__retention_months`
}

function definitionsOf(procedures: ProcedureDefinition[]) {
  const definitions: Record<string, SettingDefinition<number>> = {}
  for (const procedure of procedures) {
    const labelParams = { procedure: procedure.title }
    definitions[slaDaysKey(procedure.key)] = setting.integer({
      ...SLA_DAYS,
      default: procedure.slaDays,
      label: 'demands.settings.sla_days.label',
      help: 'demands.settings.sla_days.help',
      labelParams,
    })
    definitions[retentionMonthsKey(procedure.key)] = setting.integer({
      ...RETENTION_MONTHS,
      default: procedure.retentionMonths,
      label: 'demands.settings.retention_months.label',
      help: 'demands.settings.retention_months.help',
      labelParams,
    })
  }
  return definitions
}

export function requiresFranceConnectKey(procedureKey: string) {
  return `${procedureKey}__requires_franceconnect`
}

/** Whether filing a procedure needs a session that came from FranceConnect (off unless the city sets it). */
function franceConnectDefinitionsOf(procedures: ProcedureDefinition[]) {
  const definitions: Record<string, SettingDefinition<boolean>> = {}
  for (const procedure of procedures) {
    definitions[requiresFranceConnectKey(procedure.key)] = setting.boolean({
      default: false,
      label: 'demands.settings.requires_franceconnect.label',
      help: 'demands.settings.requires_franceconnect.help',
      labelParams: { procedure: procedure.title },
    })
  }
  return definitions
}

/** The settings the demands module declares: three per procedure open now (a disabled brick's are hidden). */
export function procedureSettings(): SettingDefinitions {
  const open = allProcedures().filter(isProcedureOpen)
  return { ...definitionsOf(open), ...franceConnectDefinitionsOf(open) }
}

/** Whether the city requires FranceConnect to file this procedure. */
export async function requiresFranceConnect(
  procedure: ProcedureDefinition,
  client?: QueryClientContract
) {
  if (procedure.franceConnect) return true
  const values = await readSettings('demands', franceConnectDefinitionsOf([procedure]), client)
  return values[requiresFranceConnectKey(procedure.key)] === true
}

export interface ProcedureTimes {
  slaDays: number
  retentionMonths: number
}

/**
 * The processing time and retention in force for these procedures, open or
 * not (a disabled brick's demands still expire as the city set), in one query.
 */
export async function procedureTimes(
  procedures: ProcedureDefinition[],
  client?: QueryClientContract
): Promise<Map<string, ProcedureTimes>> {
  const values = await readSettings('demands', definitionsOf(procedures), client)
  return new Map(
    procedures.map((procedure) => [
      procedure.key,
      {
        slaDays: values[slaDaysKey(procedure.key)],
        retentionMonths: values[retentionMonthsKey(procedure.key)],
      },
    ])
  )
}

/** One procedure's processing time and retention in force. */
export async function procedureTimesOf(
  procedure: ProcedureDefinition,
  client?: QueryClientContract
) {
  return (await procedureTimes([procedure], client)).get(procedure.key)!
}
