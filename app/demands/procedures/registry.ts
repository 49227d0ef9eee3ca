import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import type { WorkflowDefinition } from '#workflow/define_workflow'
import { defaultWorkflow } from '#workflow/default_workflow'

/**
 * The procedures the portal knows: the core's and the enabled bricks' (the
 * brick registry feeds them in at boot), and the workflows they name.
 */
const procedures = new Map<string, ProcedureDefinition>()
/** the brick that brought each procedure; core procedures have none */
const owners = new Map<string, string>()
const workflows = new Map<string, WorkflowDefinition>([[defaultWorkflow.name, defaultWorkflow]])

export function registerProcedure(procedure: ProcedureDefinition, brick?: string) {
  const existing = procedures.get(procedure.key)
  if (existing && existing !== procedure) throw new Error(`Two procedures use the key "${procedure.key}"`)
  if (procedure.workflow && !workflows.has(procedure.workflow)) {
    throw new Error(`Procedure "${procedure.key}" names unknown workflow "${procedure.workflow}"`)
  }
  procedures.set(procedure.key, procedure)
  if (brick) owners.set(procedure.key, brick)
}

/** Name of the brick a procedure comes from (undefined for the core's). */
export function ownerOf(key: string) {
  return owners.get(key)
}

export function allProcedures() {
  return [...procedures.values()]
}

export function registerWorkflow(workflow: WorkflowDefinition) {
  workflows.set(workflow.name, workflow)
}

export function findProcedure(key: string) {
  return procedures.get(key) ?? null
}

export function workflowOf(procedure: ProcedureDefinition) {
  return workflows.get(procedure.workflow ?? 'default')!
}
