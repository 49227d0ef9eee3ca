import type User from '#accounts/models/user'
import type Demand from '#demands/models/demand'
import FireTransition from '#demands/actions/fire_transition'
import PostMessage from '#demands/actions/post_message'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { availableTransitions } from '#workflow/define_workflow'
import type { CheckedUpload } from '#demands/services/uploads'

/** Whether the resident's next message answers a request for information (the workflow's `answer` transition). */
export function residentAnswers(demand: Demand) {
  const procedure = findProcedure(demand.procedureKey, demand.procedureVersion)
  return Boolean(
    procedure &&
    availableTransitions(workflowOf(procedure), demand.state, { kind: 'resident' }).some(
      (transition) => transition.key === 'answer'
    )
  )
}

/**
 * A resident writes to the service. When the service asked for information,
 * the message is the answer that sends the demand back to it (with the
 * attachments on that timeline line); otherwise it is a message in the
 * thread. Returns whether it was an answer.
 */
export async function replyToCity(
  demand: Demand,
  user: User,
  body: string,
  attachments: CheckedUpload[]
) {
  if (residentAnswers(demand)) {
    await new FireTransition().handle({
      demandId: demand.id,
      transition: 'answer',
      actor: { kind: 'resident' },
      actorId: user.id,
      comment: body,
      expectedState: demand.state,
      attachments,
    })
    return true
  }
  await new PostMessage().handle({
    demandId: demand.id,
    author: { kind: 'resident', id: user.id },
    body,
    attachments,
  })
  return false
}
