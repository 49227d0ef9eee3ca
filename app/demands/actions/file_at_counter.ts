import { errors } from '@vinejs/vine'
import type { I18n } from '@adonisjs/i18n'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type User from '#accounts/models/user'
import type Agent from '#accounts/models/agent'
import HouseholdMember from '#accounts/models/household_member'
import type { DemandOrigin } from '#demands/models/demand'
import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import StartDraft from '#demands/actions/start_draft'
import SaveStep from '#demands/actions/save_step'
import SubmitDemand from '#demands/actions/submit_demand'
import DiscardDrafts from '#demands/actions/discard_draft'

type Message = { field: string; message: string; rule: string }

/**
 * An agent files a whole procedure at once for a resident (or for someone
 * without an account): every step is validated and saved, then the demand
 * is submitted. All the steps' errors come back together; if any step or
 * the submission is refused, the draft and its files are removed, so
 * nothing half-filed remains.
 */
export default class FileAtCounter {
  async handle(request: {
    procedure: ProcedureDefinition
    agent: Agent
    origin: Exclude<DemandOrigin, 'web'>
    resident: User | null
    applicant: {
      firstName: string
      lastName: string
      email: string | null
      phone: string | null
    } | null
    input: Record<string, unknown>
    uploads: (fieldName: string) => MultipartFile[]
    i18n: I18n
  }) {
    const { procedure, resident } = request
    const draft = await new StartDraft().handle(procedure, {
      user: resident,
      agentId: request.agent.id,
      origin: request.origin,
      applicant: request.applicant ?? undefined,
    })
    try {
      const householdMemberIds = resident
        ? (await HouseholdMember.query().where('userId', resident.id)).map((member) => member.id)
        : []
      const messages: Message[] = []
      for (let index = 0; index < procedure.steps.length; index++) {
        const step = procedure.steps[index]
        const uploads = Object.fromEntries(
          step.fields
            .filter((field) => field.type === 'file')
            .map((field) => [field.name, request.uploads(field.name)])
        )
        try {
          await new SaveStep().handle({
            demand: draft,
            procedure,
            stepIndex: index,
            input: request.input,
            uploads,
            shown: null,
            context: { householdMemberIds },
            i18n: request.i18n,
            uploadedBy: 'agent',
          })
        } catch (error) {
          if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
          messages.push(...(error.messages as Message[]))
        }
      }
      if (messages.length) throw new errors.E_VALIDATION_ERROR(messages)
      return await new SubmitDemand().handle(draft.id)
    } catch (error) {
      await new DiscardDrafts().handle([draft.id])
      throw error
    }
  }
}
