/**
 * A mediator acting for a resident (digital mediation): the resident's
 * pages run as the resident, and what they write names the mediator too.
 * The mediation module sets it on the request from the mediator's session
 * and checks the mandate on every request; the modules below read it here
 * (accounts is below them all) without knowing mediation.
 */
export interface ActingFor {
  mandateId: number
  agentId: number
  agentName: string
  userId: number
  /** the modules the mandate covers (bricks' names, `demands`, `appointments`) */
  modules: string[]
}

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /** set while a mediator acts for the logged-in resident */
    actingFor?: ActingFor
  }
}
