import type User from '#accounts/models/user'
import Demand, { type DemandOrigin } from '#demands/models/demand'
import type { ProcedureDefinition } from '#demands/procedures/define_procedure'

/**
 * Opens a draft of a procedure. A resident's draft carries their identity as
 * it is today (the demand keeps who filed it even if the profile changes).
 */
export default class StartDraft {
  async handle(
    procedure: ProcedureDefinition,
    filer: {
      user: User | null
      agentId?: number | null
      origin?: DemandOrigin
      applicant?: {
        firstName: string
        lastName: string
        email: string | null
        phone: string | null
      }
    }
  ) {
    const { user } = filer
    return Demand.create({
      procedureKey: procedure.key,
      procedureVersion: procedure.version ?? null,
      serviceSlug: procedure.service,
      state: 'draft',
      origin: filer.origin ?? 'web',
      userId: user?.id ?? null,
      filedByAgentId: filer.agentId ?? null,
      applicantFirstName: user?.firstName ?? filer.applicant?.firstName ?? null,
      applicantLastName: user?.lastName ?? filer.applicant?.lastName ?? null,
      applicantEmail: user?.email ?? filer.applicant?.email ?? null,
      applicantPhone: user?.phone ?? filer.applicant?.phone ?? null,
      answers: {},
      currentStep: 0,
    })
  }
}
