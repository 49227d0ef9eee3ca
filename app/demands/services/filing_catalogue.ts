import modules from '#core/services/modules'
import { allProcedures, findProcedure, ownerOf } from '#demands/procedures/registry'
import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import { isBuilt, isListed } from '#demands/procedures/built/published'

/** Whether a procedure can be filed now: the core's always, a brick's while its brick is enabled. */
export function isProcedureOpen(procedure: ProcedureDefinition) {
  // A built procedure withdrawn from the catalogue keeps its demands, like a disabled brick's.
  if (isBuilt(procedure.key)) return isListed(procedure.key)
  const owner = ownerOf(procedure.key)
  return !owner || modules.isEnabled(owner)
}

/** The procedure behind /demarches/<key>, if residents may file it now. */
export function openProcedure(
  key: string,
  options: { forAgents?: boolean; version?: number | null } = {}
) {
  const procedure = findProcedure(key, options.version)
  if (!procedure || !isProcedureOpen(procedure)) return null
  if (procedure.filer === 'agent' && !options.forAgents) return null
  return procedure
}

/** Procedures open to residents, for the catalogue. */
export function residentProcedures() {
  return allProcedures().filter(
    (procedure) => procedure.filer !== 'agent' && isProcedureOpen(procedure)
  )
}

/** Procedures an agent may file at the counter for these services (accueil files any). */
export function counterProcedures(serviceSlugs: string[]) {
  return allProcedures().filter(
    (procedure) =>
      isProcedureOpen(procedure) &&
      (serviceSlugs.includes('accueil') || serviceSlugs.includes(procedure.service))
  )
}
