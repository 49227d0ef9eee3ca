import { createHash } from 'node:crypto'
import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import FireTransition, { StaleDemandError } from '#demands/actions/fire_transition'
import PostMessage from '#demands/actions/post_message'
import AssignDemand, { AssigneeNotInServiceError } from '#demands/actions/assign_demand'
import Agent from '#accounts/models/agent'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { availableTransitions, TransitionError, type Actor } from '#workflow/define_workflow'
import { defineApiRoutes, type ApiCall } from '#api/define_api'
import { problem, ProblemError } from '#api/services/problem'
import { iso } from '#api/services/format'
import { keysetPage } from '#api/services/scope'
import { dbTimestamp } from '#core/database/dialect'

/** A business software acts as an agent of the services it was given. */
const ACTOR: Actor = { kind: 'agent', role: 'agent' }
const MAX_PAGE = 100

/** The version of a demand that a write must name in `If-Match`. */
export function demandEtag(demand: Demand) {
  const version = `${demand.id}:${demand.state}:${demand.updatedAt?.toMillis()}:${demand.assigneeId}`
  return `"${createHash('sha256').update(version).digest('base64url').slice(0, 27)}"`
}

function summary(demand: Demand) {
  return {
    id: demand.id,
    reference: demand.reference,
    procedure: demand.procedureKey,
    service: demand.serviceSlug,
    state: demand.state,
    origin: demand.origin,
    submitted_at: iso(demand.submittedAt),
    due_at: iso(demand.dueAt),
    closed_at: iso(demand.closedAt),
    updated_at: iso(demand.updatedAt),
  }
}

function transitionsOf(demand: Demand) {
  const procedure = findProcedure(demand.procedureKey, demand.procedureVersion)
  if (!procedure) return []
  return availableTransitions(workflowOf(procedure), demand.state, ACTOR).map((t) => t.key)
}

async function detail(demand: Demand) {
  const events = await DemandEvent.query()
    .where('demandId', demand.id)
    .whereIn('kind', ['transition', 'message', 'assignment'])
    .orderBy('id', 'asc')
  const assignee = demand.assigneeId ? await Agent.find(demand.assigneeId) : null
  return {
    ...summary(demand),
    applicant: {
      first_name: demand.applicantFirstName,
      last_name: demand.applicantLastName,
      email: demand.applicantEmail,
      phone: demand.applicantPhone,
    },
    answers: demand.answers,
    assignee: assignee ? { name: assignee.fullName, email: assignee.email } : null,
    transitions: transitionsOf(demand),
    timeline: events.map((event) => ({
      kind: event.kind,
      from_state: event.fromState,
      to_state: event.toState,
      transition: event.transition,
      body: event.kind === 'assignment' ? null : event.body,
      actor: event.actorType === 'software' ? `software:${event.actorName}` : event.actorType,
      at: iso(event.createdAt),
    })),
  }
}

/** A demand of the client's services, submitted; any other answers 404, as if it did not exist. */
async function visibleDemand(call: ApiCall) {
  const id = Number(call.params.id)
  const demand = Number.isSafeInteger(id)
    ? await Demand.query()
        .where('id', id)
        .whereNot('state', 'draft')
        .whereIn('serviceSlug', call.client.services)
        .first()
    : null
  if (!demand) throw problem(404, 'No such demand.')
  return demand
}

const listQuery = vine.compile(
  vine.object({
    state: vine.string().trim().maxLength(60).optional(),
    service: vine.string().trim().maxLength(60).optional(),
    submitted_since: vine.string().trim().maxLength(40).optional(),
    limit: vine.number().withoutDecimals().range([1, MAX_PAGE]).optional(),
    cursor: vine.number().withoutDecimals().positive().optional(),
  })
)

const transitionBody = vine.compile(
  vine.object({
    transition: vine.string().trim().maxLength(60),
    comment: vine.string().trim().maxLength(4000).optional(),
  })
)

const messageBody = vine.compile(
  vine.object({
    body: vine.string().trim().minLength(1).maxLength(4000),
  })
)

const assignmentBody = vine.compile(
  vine.object({
    assignee_email: vine.string().trim().maxLength(254).email().nullable(),
  })
)

const dateTime = { type: ['string', 'null'], format: 'date-time' }
const demandSummarySchema = {
  type: 'object',
  required: ['id', 'procedure', 'service', 'state'],
  properties: {
    id: { type: 'integer' },
    reference: { type: ['string', 'null'] },
    procedure: { type: 'string' },
    service: { type: 'string' },
    state: { type: 'string' },
    origin: { type: 'string' },
    submitted_at: dateTime,
    due_at: dateTime,
    closed_at: dateTime,
    updated_at: dateTime,
  },
}
const demandSchema = {
  ...demandSummarySchema,
  properties: {
    ...demandSummarySchema.properties,
    applicant: { type: 'object' },
    answers: { type: 'object', additionalProperties: true },
    assignee: {
      type: ['object', 'null'],
      properties: { name: { type: 'string' }, email: { type: 'string' } },
    },
    transitions: { type: 'array', items: { type: 'string' } },
    timeline: { type: 'array', items: { type: 'object' } },
  },
}
const idParameter = {
  name: 'id',
  in: 'path' as const,
  required: true,
  description: 'The demand’s id.',
  schema: { type: 'integer', minimum: 1 },
}

export default defineApiRoutes([
  {
    method: 'get',
    path: '/demands',
    operationId: 'listDemands',
    scope: 'demands:read',
    tag: 'demands',
    summary: 'List the submitted demands of the client’s services, newest first.',
    description:
      'Keyset pagination: pass `next_cursor` of a page as `cursor` to get the next one; `null` when there is none.',
    parameters: [
      {
        name: 'state',
        in: 'query',
        description: 'Only demands in this state.',
        schema: { type: 'string' },
      },
      {
        name: 'service',
        in: 'query',
        description: 'Only demands of this service (slug).',
        schema: { type: 'string' },
      },
      {
        name: 'submitted_since',
        in: 'query',
        description: 'Only demands submitted at or after this moment (ISO 8601).',
        schema: { type: 'string', format: 'date-time' },
      },
      {
        name: 'limit',
        in: 'query',
        description: `Demands per page (1 to ${MAX_PAGE}, 50 by default).`,
        schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE },
      },
      {
        name: 'cursor',
        in: 'query',
        description: 'The `next_cursor` of the previous page.',
        schema: { type: 'integer' },
      },
    ],
    query: listQuery,
    response: {
      status: 200,
      description: 'A page of demands.',
      schema: {
        type: 'object',
        required: ['data', 'next_cursor'],
        properties: {
          data: { type: 'array', items: demandSummarySchema },
          next_cursor: { type: ['integer', 'null'] },
        },
      },
    },
    async handle({ client, query }) {
      const since = query.submitted_since ? DateTime.fromISO(query.submitted_since as string) : null
      if (since && !since.isValid)
        throw problem(400, 'submitted_since must be an ISO 8601 date-time.')
      const limit = (query.limit as number | undefined) ?? 50
      const rows = await Demand.query()
        .whereIn('serviceSlug', client.services)
        .whereNot('state', 'draft')
        .if(query.state, (q) => q.where('state', query.state as string))
        .if(query.service, (q) => q.where('serviceSlug', query.service as string))
        .if(since, (q) => q.where('submittedAt', '>=', dbTimestamp(since!)))
        .if(query.cursor, (q) => q.where('id', '<', query.cursor as number))
        .orderBy('id', 'desc')
        .limit(limit + 1)
      return { body: keysetPage(rows, limit, summary) }
    },
  },
  {
    method: 'get',
    path: '/demands/{id}',
    operationId: 'getDemand',
    scope: 'demands:read',
    tag: 'demands',
    summary:
      'Read one demand with its answers, its timeline and the transitions the client may fire.',
    parameters: [idParameter],
    response: { status: 200, description: 'The demand.', schema: demandSchema, etag: true },
    async handle(call) {
      const demand = await visibleDemand(call)
      return { body: await detail(demand), etag: demandEtag(demand) }
    },
  },
  {
    method: 'post',
    path: '/demands/{id}/transitions',
    operationId: 'fireDemandTransition',
    scope: 'demands:write',
    tag: 'demands',
    summary: 'Fire a transition of the demand’s workflow, with a comment.',
    description:
      'Send the `ETag` of your last read in `If-Match`: 412 if the demand changed since, 428 without it.',
    parameters: [idParameter],
    ifMatch: true,
    requestBody: {
      validator: transitionBody,
      example: { transition: 'start_review', comment: 'Taken by the front desk software.' },
      schema: {
        type: 'object',
        required: ['transition'],
        properties: {
          transition: { type: 'string', description: 'One of the demand’s `transitions`.' },
          comment: { type: 'string', maxLength: 4000 },
        },
      },
    },
    response: {
      status: 200,
      description: 'The demand after the transition.',
      schema: demandSchema,
      etag: true,
    },
    async handle(call) {
      const demand = await visibleDemand(call)
      checkIfMatch(call, demandEtag(demand))
      try {
        await new FireTransition().handle({
          demandId: demand.id,
          transition: call.body.transition,
          comment: call.body.comment ?? null,
          actor: ACTOR,
          actorId: null,
          software: call.client.name,
          expectedState: demand.state,
        })
      } catch (error) {
        if (error instanceof StaleDemandError)
          throw problem(412, 'The demand changed since your read.')
        if (error instanceof TransitionError)
          throw problem(
            422,
            `The transition is refused (${error.reason}).`,
            `transition-${error.reason}`
          )
        throw error
      }
      await demand.refresh()
      return { body: await detail(demand), etag: demandEtag(demand) }
    },
  },
  {
    method: 'post',
    path: '/demands/{id}/messages',
    operationId: 'postDemandMessage',
    scope: 'demands:write',
    tag: 'demands',
    summary: 'Post a message to the resident, in the demand’s thread.',
    description:
      'The resident is notified as for a message of an agent; the timeline names the client’s software as the author.',
    parameters: [idParameter],
    requestBody: {
      validator: messageBody,
      example: { body: 'Votre dossier est complet, nous le traitons cette semaine.' },
      schema: {
        type: 'object',
        required: ['body'],
        properties: { body: { type: 'string', minLength: 1, maxLength: 4000 } },
      },
    },
    response: {
      status: 201,
      description: 'The message, on the demand’s timeline.',
      schema: {
        type: 'object',
        required: ['id', 'body', 'at'],
        properties: { id: { type: 'integer' }, body: { type: 'string' }, at: dateTime },
      },
    },
    async handle(call) {
      const demand = await visibleDemand(call)
      const event = await new PostMessage().handle({
        demandId: demand.id,
        author: { kind: 'software', name: call.client.name },
        body: call.body.body,
      })
      return { status: 201, body: { id: event.id, body: event.body, at: iso(event.createdAt) } }
    },
  },
  {
    method: 'put',
    path: '/demands/{id}/assignee',
    operationId: 'assignDemand',
    scope: 'demands:write',
    tag: 'demands',
    summary: 'Give the demand to an agent of its service (by e-mail), or to nobody (`null`).',
    description:
      'Send the `ETag` of your last read in `If-Match`: 412 if the demand changed since, 428 without it. 422 when no active agent of the demand’s service has that e-mail.',
    parameters: [idParameter],
    ifMatch: true,
    requestBody: {
      validator: assignmentBody,
      example: { assignee_email: null },
      schema: {
        type: 'object',
        required: ['assignee_email'],
        properties: { assignee_email: { type: ['string', 'null'], format: 'email' } },
      },
    },
    response: {
      status: 200,
      description: 'The demand after the assignment.',
      schema: demandSchema,
      etag: true,
    },
    async handle(call) {
      const demand = await visibleDemand(call)
      checkIfMatch(call, demandEtag(demand))
      const email = call.body.assignee_email as string | null
      const agent = email
        ? await Agent.query().whereRaw('lower(email) = ?', [email.toLowerCase()]).first()
        : null
      if (email && !agent)
        throw problem(422, 'No agent of the demand’s service has this e-mail.', 'unknown-assignee')
      try {
        await new AssignDemand().handle(demand.id, agent?.id ?? null, {
          software: call.client.name,
        })
      } catch (error) {
        if (error instanceof AssigneeNotInServiceError)
          throw problem(
            422,
            'No agent of the demand’s service has this e-mail.',
            'unknown-assignee'
          )
        throw error
      }
      await demand.refresh()
      return { body: await detail(demand), etag: demandEtag(demand) }
    },
  },
])

/** `If-Match` is required on a state-changing write, and must name the current version. */
export function checkIfMatch(call: ApiCall, current: string) {
  const sent = call.http.request.header('if-match')
  if (!sent) throw problem(428, 'Send the ETag of your last read in If-Match.')
  const tags = sent.split(',').map((tag) => tag.trim().replace(/^W\//, ''))
  if (!tags.includes(current) && !tags.includes('*'))
    throw new ProblemError({
      status: 412,
      title: 'Precondition Failed',
      detail: 'The resource changed since your read.',
    })
}
