import modules from '#core/services/modules'
import type { RetentionUnit } from '#core/modules/retention'
import { retentionInForce } from '#jobs/personal_data'
import { allProcedures } from '#demands/procedures/registry'
import { isProcedureOpen } from '#demands/services/filing_catalogue'
import { procedureTimes } from '#demands/services/procedure_settings'

export interface RetentionRow {
  /** i18n key of what is kept */
  label: string
  /** i18n key of a procedure's title, for the closed demands of that procedure */
  procedure?: string
  /** i18n key of when the period starts */
  start: string
  amount: number
  unit: RetentionUnit
}

/**
 * What /donnees-personnelles tells residents about how long each kind of
 * their data is kept: the closed demands of each open procedure, then every
 * kind the enabled modules declare, each with the period in force (the
 * settings the nightly purges read).
 */
export async function retentionRows(): Promise<RetentionRow[]> {
  const procedures = allProcedures().filter(isProcedureOpen)
  const times = await procedureTimes(procedures)
  const demands: RetentionRow[] = procedures.map((procedure) => ({
    label: 'portal.personal_data.demands_kind',
    procedure: procedure.title,
    start: 'portal.personal_data.demands_start',
    amount: times.get(procedure.key)!.retentionMonths,
    unit: 'months',
  }))
  const declared = (await retentionInForce())
    .filter(({ module }) => modules.isEnabled(module))
    .map(({ declaration, amount }) => ({
      label: declaration.label,
      start: declaration.start,
      amount,
      unit: declaration.unit,
    }))
  return [...demands, ...declared]
}
