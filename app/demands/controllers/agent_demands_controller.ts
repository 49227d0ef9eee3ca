import type { HttpContext } from '@adonisjs/core/http'
import { Readable } from 'node:stream'
import Agent from '#accounts/models/agent'
import DemandFile from '#demands/models/demand_file'
import SavedFilter from '#demands/models/saved_filter'
import FireTransition, { StaleDemandError } from '#demands/actions/fire_transition'
import PostMessage from '#demands/actions/post_message'
import AssignDemand, { AssigneeNotInServiceError } from '#demands/actions/assign_demand'
import { agentActor, applyBulkAction, planBulkAction } from '#demands/actions/bulk_action'
import { agentServiceSlugs, findDemandForAgent } from '#demands/policies/demand_access'
import { findProcedure, workflowOf, allProcedures } from '#demands/procedures/registry'
import { answerSections } from '#demands/services/answer_sections'
import { availableTransitions, stateOf, TransitionError } from '#workflow/define_workflow'
import { timelineFor } from '#demands/services/timeline'
import { checkUploads, sentFiles, MESSAGE_ATTACHMENTS } from '#demands/services/uploads'
import { inboxPage, inboxQueryString, parseInboxFilters, pausedStates, INBOX_FILTER_LIMITS } from '#demands/queries/inbox'
import { demandsCsv } from '#demands/services/demands_export'
import { recordAudit } from '#demands/actions/record_audit'
import { fieldError } from '#core/services/form_errors'
import { sendDemandFile } from '#demands/services/send_files'
import { messageValidator } from '#demands/validators/filing'
import { assignValidator, bulkValidator, noteValidator, savedFilterValidator, transitionValidator } from '#demands/validators/agents'
import { notFoundPage } from '#core/services/not_found'
import { clock } from '#core/clock'

/**
 * /agents/demandes: the inbox of the agent's services, a demand's page and
 * what agents do on it (transitions, messages, notes, assignment), bulk
 * actions, saved filters and the CSV export. A demand outside the agent's
 * services is "not found".
 */
export default class AgentDemandsController {
  async index({ view, request, auth, i18n }: HttpContext) {
    const agent = auth.use('agent').getUserOrFail()
    const filters = parseInboxFilters(request.qs())
    const now = clock.now()
    const page = await inboxPage(agent, filters, request.input('apres'), 50, now)
    const slugs = await agentServiceSlugs(agent)
    const procedures = allProcedures().filter((procedure) => slugs.includes(procedure.service))
    const paused = pausedStates()
    const assigneeIds = [...new Set(page.demands.map((demand) => demand.assigneeId).filter((id): id is number => Boolean(id)))]
    const assignees = assigneeIds.length ? await Agent.query().whereIn('id', assigneeIds) : []
    const rows = page.demands.map((demand) => {
      const procedure = findProcedure(demand.procedureKey)
      const workflow = procedure ? workflowOf(procedure) : null
      return {
        demand,
        title: procedure ? i18n.t(procedure.title) : demand.procedureKey,
        stateLabel: workflow ? i18n.t(stateOf(workflow, demand.state).agentLabel) : demand.state,
        overdue: !demand.closedAt && demand.dueAt !== null && demand.dueAt < now && !paused.includes(demand.state),
        assignee: assignees.find((candidate) => candidate.id === demand.assigneeId)?.fullName ?? null,
      }
    })
    const states = new Map<string, string>()
    for (const procedure of procedures) for (const state of workflowOf(procedure).states) if (!states.has(state.key)) states.set(state.key, i18n.t(state.agentLabel))
    const query = inboxQueryString(filters)
    return view.render('demands::agent_index', {
      filters,
      rows,
      query,
      nextUrl: page.nextCursor ? `/agents/demandes?${query ? query + '&' : ''}apres=${page.nextCursor}` : null,
      firstUrl: request.input('apres') ? `/agents/demandes${query ? '?' + query : ''}` : null,
      procedureOptions: procedures.map((procedure) => ({ value: procedure.key, label: i18n.t(procedure.title) })),
      stateOptions: [...states.entries()].map(([value, label]) => ({ value, label })),
      savedFilters: await SavedFilter.query().where('agentId', agent.id).orderBy('name'),
      exportUrl: `/agents/demandes/export.csv${query ? '?' + query : ''}`,
      filterLimits: INBOX_FILTER_LIMITS,
    })
  }

  async show(ctx: HttpContext) {
    const { view, auth, params, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const demand = await findDemandForAgent(agent, params.id)
    const procedure = demand ? findProcedure(demand.procedureKey) : null
    if (!demand || !procedure) return notFoundPage(ctx)
    await recordAudit(agent, 'demand.viewed', demand.id, demand.reference)
    const workflow = workflowOf(procedure)
    const colleagues = await Agent.query()
      .where('active', true)
      .whereHas('services', (services) => services.where('slug', demand.serviceSlug))
      .orderBy('lastName')
    const filer = demand.filedByAgentId ? await Agent.find(demand.filedByAgentId) : null
    const now = clock.now()
    return view.render('demands::agent_show', {
      demand,
      procedure,
      // Not `state`: Edge reserves that name and a view would read nothing from it.
      demandState: stateOf(workflow, demand.state),
      sections: await answerSections(demand, procedure, i18n),
      timeline: await timelineFor(demand, workflow, 'agent', i18n),
      transitions: availableTransitions(workflow, demand.state, agentActor(agent)),
      colleagues,
      assignee: colleagues.find((colleague) => colleague.id === demand.assigneeId) ?? (demand.assigneeId ? await Agent.find(demand.assigneeId) : null),
      overdue: !demand.closedAt && demand.dueAt !== null && demand.dueAt < now && !pausedStates().includes(demand.state),
      filer,
      attachments: MESSAGE_ATTACHMENTS,
    })
  }

  async transition(ctx: HttpContext) {
    const { auth, params, request, response, session, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const demand = await findDemandForAgent(agent, params.id)
    if (!demand) return notFoundPage(ctx)
    const input = await request.validateUsing(transitionValidator)
    try {
      await new FireTransition().handle({ demandId: demand.id, transition: input.transition, actor: agentActor(agent), actorId: agent.id, comment: input.comment, expectedState: input.expectedState })
    } catch (error) {
      if (error instanceof TransitionError && error.reason === 'comment_required') throw fieldError(`comment-${input.transition}`, i18n.t('demands.agent.comment_required'))
      if (error instanceof TransitionError || error instanceof StaleDemandError) {
        session.flash('errorsBag', { transition: i18n.t('demands.agent.transition_refused') })
        return response.redirect().status(303).toPath(`/agents/demandes/${demand.id}`)
      }
      throw error
    }
    session.flash('success', 'demands.agent.transition_done')
    return response.redirect().status(303).toPath(`/agents/demandes/${demand.id}`)
  }

  async message(ctx: HttpContext) {
    const { auth, params, request, response, session, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const demand = await findDemandForAgent(agent, params.id)
    if (!demand) return notFoundPage(ctx)
    const { body } = await request.validateUsing(messageValidator)
    const checked = await checkUploads(sentFiles(request.files('attachments')), MESSAGE_ATTACHMENTS)
    if ('problem' in checked) throw fieldError('attachments', i18n.t(checked.problem.key, checked.problem.data))
    await new PostMessage().handle({ demandId: demand.id, author: { kind: 'agent', id: agent.id }, body, attachments: checked.accepted })
    session.flash('success', 'demands.messages.sent')
    return response.redirect().status(303).toPath(`/agents/demandes/${demand.id}`)
  }

  async note(ctx: HttpContext) {
    const { auth, params, request, response, session } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const demand = await findDemandForAgent(agent, params.id)
    if (!demand) return notFoundPage(ctx)
    const { body } = await request.validateUsing(noteValidator)
    await new PostMessage().handle({ demandId: demand.id, author: { kind: 'agent', id: agent.id }, body, internal: true })
    session.flash('success', 'demands.agent.note_added')
    return response.redirect().status(303).toPath(`/agents/demandes/${demand.id}`)
  }

  async assign(ctx: HttpContext) {
    const { auth, params, request, response, session, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const demand = await findDemandForAgent(agent, params.id)
    if (!demand) return notFoundPage(ctx)
    const { assignee } = await request.validateUsing(assignValidator)
    const assigneeId = assignee === 'me' ? agent.id : assignee ? Number(assignee) : null
    try {
      await new AssignDemand().handle(demand.id, Number.isSafeInteger(assigneeId) ? assigneeId : null, agent)
    } catch (error) {
      if (error instanceof AssigneeNotInServiceError) throw fieldError('assignee', i18n.t('demands.agent.assignee_not_in_service'))
      throw error
    }
    session.flash('success', 'demands.agent.assigned')
    return response.redirect().status(303).toPath(`/agents/demandes/${demand.id}`)
  }

  async file(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const demand = await findDemandForAgent(agent, ctx.params.id)
    if (!demand) return notFoundPage(ctx)
    const file = await DemandFile.query().where('demandId', demand.id).where('id', Number(ctx.params.fileId) || 0).first()
    if (!file) return notFoundPage(ctx)
    await recordAudit(agent, 'file.downloaded', demand.id, file.originalName)
    return sendDemandFile(ctx, file)
  }

  async export(ctx: HttpContext) {
    const { auth, request, response, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const filters = parseInboxFilters(request.qs())
    await recordAudit(agent, 'demands.exported', null, inboxQueryString(filters) || null)
    const stamp = clock.local().toFormat('yyyy-MM-dd-HHmm')
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.header('Content-Disposition', `attachment; filename="demandes-${stamp}.csv"`)
    response.header('Cache-Control', 'private, no-store')
    return response.stream(Readable.from(demandsCsv(agent, filters, i18n)))
  }

  /** Bulk action, step 1: what would happen to which demands, for the agent to confirm. */
  async bulkConfirm(ctx: HttpContext) {
    const { auth, request, view, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const input = await request.validateUsing(bulkValidator)
    const plan = await planBulkAction(agent, input.ids, input.bulkAction)
    return view.render('demands::agent_bulk_confirm', {
      ...plan,
      bulkAction: input.bulkAction,
      actionLabel: plan.transitionLabel ? i18n.t(plan.transitionLabel) : i18n.t('demands.bulk.assign_me'),
    })
  }

  /** Bulk action, step 2: applies it to each demand still eligible; one failure does not stop the others. */
  async bulkApply(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const input = await request.validateUsing(bulkValidator)
    const plan = await planBulkAction(agent, input.ids, input.bulkAction)
    if (plan.commentRequired && !input.comment) {
      // The confirmation page came from a POST: show it again with the error rather than redirecting back to it.
      ctx.response.status(422)
      return ctx.view.render('demands::agent_bulk_confirm', {
        ...plan,
        bulkAction: input.bulkAction,
        actionLabel: plan.transitionLabel ? i18n.t(plan.transitionLabel) : i18n.t('demands.bulk.assign_me'),
        commentError: i18n.t('demands.agent.comment_required'),
      })
    }
    const done = await applyBulkAction(agent, plan, input.bulkAction, input.comment)
    session.flash('success_text', i18n.t('demands.bulk.done', { done, total: input.ids.length }))
    return response.redirect().status(303).toPath('/agents/demandes')
  }

  async saveFilter(ctx: HttpContext) {
    const { auth, request, response, session } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const input = await request.validateUsing(savedFilterValidator)
    const query = inboxQueryString(parseInboxFilters(Object.fromEntries(new URLSearchParams(input.query ?? ''))))
    await SavedFilter.updateOrCreate({ agentId: agent.id, name: input.name }, { query })
    session.flash('success', 'demands.filters.saved')
    return response.redirect().status(303).toPath(`/agents/demandes${query ? '?' + query : ''}`)
  }

  async deleteFilter(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    await SavedFilter.query().where('agentId', agent.id).where('id', Number(ctx.params.id) || 0).delete()
    ctx.session.flash('success', 'demands.filters.deleted')
    return ctx.response.redirect().status(303).toPath('/agents/demandes')
  }
}
