import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import type { WorkflowDefinition } from '#workflow/define_workflow'
import { defaultWorkflow } from '#workflow/default_workflow'
import modules from '#core/services/modules'
import {
  builtProcedure,
  builtProcedures,
  builtVersions,
  builtWorkflow,
} from '#demands/procedures/built/published'

declare module '#core/modules/define_module' {
  interface ModuleExtensions {
    /** procedures (démarches) filed under /demarches/<key> */
    procedures?: ProcedureDefinition[]
    /** workflows the module's procedures name */
    workflows?: WorkflowDefinition[]
  }
}

/**
 * The procedures the portal knows and the workflows they name, as the
 * installed modules declare them in their manifests (read once, at first
 * use). A disabled brick's procedures stay known but are closed to filing
 * (see filing_catalogue).
 */
let procedures: Map<string, ProcedureDefinition> | null = null
/** the brick that brought each procedure; core modules' procedures have none */
const owners = new Map<string, string>()
const workflows = new Map<string, WorkflowDefinition>([[defaultWorkflow.name, defaultWorkflow]])

function known() {
  if (procedures) return procedures
  procedures = new Map()
  for (const { item } of modules.collect('workflows', 'installed')) workflows.set(item.name, item)
  for (const { module, item } of modules.collect('procedures', 'installed')) {
    registerProcedure(item, module.brick ? module.definition.name : undefined)
  }
  return procedures
}

/** Adds a procedure (tests add their own; modules declare theirs in their manifest). */
export function registerProcedure(procedure: ProcedureDefinition, brick?: string) {
  const all = known()
  const existing = all.get(procedure.key)
  if (existing && existing !== procedure)
    throw new Error(`Two procedures use the key "${procedure.key}"`)
  if (procedure.workflow && !workflows.has(procedure.workflow)) {
    throw new Error(`Procedure "${procedure.key}" names unknown workflow "${procedure.workflow}"`)
  }
  all.set(procedure.key, procedure)
  if (brick) owners.set(procedure.key, brick)
}

/** Name of the brick a procedure comes from (undefined for the core's). */
export function ownerOf(key: string) {
  known()
  return owners.get(key)
}

/** The coded procedures, then the built ones (their version published now). */
export function allProcedures() {
  return [...known().values(), ...builtProcedures()]
}

/** Whether a key is taken by a coded procedure (a built one cannot take it). */
export function isCodedProcedure(key: string) {
  return known().has(key)
}

/** Names of the workflows procedures may name. */
export function workflowNames() {
  known()
  return [...workflows.keys()]
}

export function registerWorkflow(workflow: WorkflowDefinition) {
  workflows.set(workflow.name, workflow)
}

/**
 * The procedure of a key. `version`: the version of a built procedure a
 * demand was filed with (coded procedures have none), so an old demand
 * reads, exports and validates as it was filed.
 */
export function findProcedure(key: string, version?: number | null) {
  return known().get(key) ?? builtProcedure(key, version)
}

/** A procedure's versions, the latest first: several for a built procedure published again, else itself. */
export function procedureVersions(procedure: ProcedureDefinition) {
  const versions = procedure.version ? builtVersions(procedure.key) : []
  return versions.length ? versions : [procedure]
}

export function workflowOf(procedure: ProcedureDefinition) {
  known()
  const name = procedure.workflow ?? 'default'
  return workflows.get(name) ?? builtWorkflow(name)!
}
