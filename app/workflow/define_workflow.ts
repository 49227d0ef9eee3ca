/**
 * The state machine of a procedure: its states (with what the resident and
 * the agent read) and the transitions between them, who may fire each one,
 * and what it sets off.
 */

export interface WorkflowState {
  key: string
  /** i18n keys */
  residentLabel: string
  agentLabel: string
  /** a closed demand leaves the agents' open lists and stops its SLA clock */
  closed?: boolean
}

export type Actor =
  | { kind: 'agent'; role: 'agent' | 'supervisor' | 'admin' }
  | { kind: 'resident' }
  | { kind: 'system' }
export type ActorKind = 'agent' | 'supervisor' | 'resident' | 'system'

export interface TransitionEffects {
  notifyResident?: boolean
  /** names of jobs to enqueue with the transition (connectors) */
  jobs?: string[]
  sla?: 'start' | 'stop' | 'pause'
}

export interface WorkflowTransition {
  key: string
  /** i18n key of the button */
  label: string
  from: string[]
  to: string
  /** `agent` also lets supervisors and admins fire it; `supervisor` only them */
  by: ActorKind[]
  commentRequired?: boolean
  commentVisibleToResident?: boolean
  effects?: TransitionEffects
}

export interface WorkflowDefinition {
  name: string
  initial: string
  states: WorkflowState[]
  transitions: WorkflowTransition[]
}

export class TransitionError extends Error {
  constructor(public reason: 'unknown' | 'not_allowed' | 'comment_required') {
    super(`Transition refused: ${reason}`)
  }
}

/** The state every workflow ends in when the resident withdraws their demand. */
export const WITHDRAWN = 'withdrawn'
/** The transition that takes a demand there. */
export const WITHDRAW = 'withdraw'

/**
 * A resident may withdraw their demand from any open state of any workflow:
 * the closing state and its transition are added to each workflow rather
 * than declared by each one, so no procedure can forget them and the inbox,
 * the timeline, the SLA clock and retention treat a withdrawal like any
 * other closing. A workflow that declares its own keeps them.
 */
function withWithdrawal<T extends WorkflowDefinition>(definition: T): T {
  const states = definition.states.some((state) => state.key === WITHDRAWN)
    ? definition.states
    : [
        ...definition.states,
        {
          key: WITHDRAWN,
          residentLabel: 'workflow.states.withdrawn.resident',
          agentLabel: 'workflow.states.withdrawn.agent',
          closed: true,
        },
      ]
  if (definition.transitions.some((transition) => transition.key === WITHDRAW))
    return { ...definition, states }
  const open = definition.states.filter((state) => !state.closed).map((state) => state.key)
  const withdraw: WorkflowTransition = {
    key: WITHDRAW,
    label: 'workflow.transitions.withdraw',
    from: open,
    to: WITHDRAWN,
    by: ['resident'],
    commentRequired: true,
    commentVisibleToResident: true,
    effects: { sla: 'stop' },
  }
  return { ...definition, states, transitions: [...definition.transitions, withdraw] }
}

/** Declares a workflow (with the resident's withdrawal, see withWithdrawal), checked once at load time. */
export function defineWorkflow<T extends WorkflowDefinition>(declared: T): T {
  const definition = withWithdrawal(declared)
  const where = `Workflow "${definition.name}"`
  const states = new Set(definition.states.map((state) => state.key))
  if (states.size !== definition.states.length)
    throw new Error(`${where}: a state is declared twice`)
  if (!states.has(definition.initial))
    throw new Error(`${where}: unknown initial state "${definition.initial}"`)
  const keys = new Set<string>()
  for (const transition of definition.transitions) {
    if (keys.has(transition.key))
      throw new Error(`${where}: transition "${transition.key}" is declared twice`)
    keys.add(transition.key)
    for (const state of [...transition.from, transition.to]) {
      if (!states.has(state))
        throw new Error(`${where}: transition "${transition.key}" names unknown state "${state}"`)
    }
    if (transition.by.length === 0) throw new Error(`${where}: nobody may fire "${transition.key}"`)
  }
  return Object.freeze(definition)
}

function mayFire(transition: WorkflowTransition, actor: Actor) {
  if (actor.kind === 'resident') return transition.by.includes('resident')
  if (actor.kind === 'system') return transition.by.includes('system')
  if (transition.by.includes('agent')) return true
  return (
    transition.by.includes('supervisor') && (actor.role === 'supervisor' || actor.role === 'admin')
  )
}

export function stateOf(workflow: WorkflowDefinition, key: string) {
  const state = workflow.states.find((candidate) => candidate.key === key)
  if (!state) throw new Error(`Workflow "${workflow.name}" has no state "${key}"`)
  return state
}

/** What this actor may do from this state, in declaration order. */
export function availableTransitions(workflow: WorkflowDefinition, from: string, actor: Actor) {
  return workflow.transitions.filter(
    (transition) => transition.from.includes(from) && mayFire(transition, actor)
  )
}

/**
 * Checks a transition and tells where it leads and what it sets off; the
 * caller writes the state, the timeline entry and the jobs in one transaction.
 */
export function planTransition(
  workflow: WorkflowDefinition,
  from: string,
  key: string,
  actor: Actor,
  comment?: string | null
) {
  const transition = workflow.transitions.find((candidate) => candidate.key === key)
  if (!transition) throw new TransitionError('unknown')
  if (!transition.from.includes(from) || !mayFire(transition, actor))
    throw new TransitionError('not_allowed')
  if (transition.commentRequired && !comment?.trim()) throw new TransitionError('comment_required')
  return { transition, to: stateOf(workflow, transition.to), effects: transition.effects ?? {} }
}
