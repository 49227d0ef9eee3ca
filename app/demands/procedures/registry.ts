import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import type { WorkflowDefinition } from '#workflow/define_workflow'
import { defaultWorkflow } from '#workflow/default_workflow'

/**
 * The procedures the portal knows: the core's and the enabled bricks' (the
 * brick registry feeds them in at boot), and the workflows they name.
 */
const procedures = new Map<string, ProcedureDefinition>()
const workflows = new Map<string, WorkflowDefinition>([[defaultWorkflow.name, defaultWorkflow]])

export function registerProcedure(procedure: ProcedureDefinition) {
  const existing = procedures.get(procedure.key)
  if (existing && existing !== procedure) throw new Error(`Two procedures use the key "${procedure.key}"`)
  if (procedure.workflow && !workflows.has(procedure.workflow)) {
    throw new Error(`Procedure "${procedure.key}" names unknown workflow "${procedure.workflow}"`)
  }
  procedures.set(procedure.key, procedure)
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
