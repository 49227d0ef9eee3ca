import type { HttpContext } from '@adonisjs/core/http'
import { Readable } from 'node:stream'
import DemandFile from '#demands/models/demand_file'
import SavedFilter from '#demands/models/saved_filter'
import FireTransition, { StaleDemandError } from '#demands/actions/fire_transition'
import PostMessage from '#demands/actions/post_message'
import AssignDemand, { AssigneeNotInServiceError } from '#demands/actions/assign_demand'
import { agentActor, applyBulkAction, planBulkAction } from '#demands/actions/bulk_action'
import {
  findDemandForAgent,
  findTransferableDemand,
  openDemandForAgent,
} from '#demands/policies/demand_access'
import TransferDemand, { TransferRefusedError } from '#demands/actions/transfer_demand'
import { findProcedure } from '#demands/procedures/registry'
import { TransitionError } from '#workflow/define_workflow'
import { messageAttachments } from '#demands/services/uploads'
import {
  inboxPage,
  inboxQueryString,
  parseInboxFilters,
  INBOX_FILTER_LIMITS,
} from '#demands/queries/inbox'
import {
  agentDemandPage,
  inboxFilterOptions,
  inboxPageLinks,
  inboxRows,
} from '#demands/services/agent_views'
import { demandsCsv } from '#demands/services/demands_export'
import { recordAudit } from '#accounts/actions/record_audit'
import { auditExport } from '#accounts/actions/audited_export'
import { fieldError } from '#core/services/form_errors'
import { sendDemandFile } from '#demands/services/send_files'
import { messageValidator } from '#demands/validators/filing'
import {
  assigneeId,
  assignValidator,
  bulkValidator,
  noteValidator,
  savedFilterValidator,
  transferValidator,
  transitionValidator,
} from '#demands/validators/agents'
import { found } from '#core/http/not_found'
import { routeUrl } from '#core/http/route_url'
import { clock } from '#core/clock'
import type Agent from '#accounts/models/agent'

type Plan = Awaited<ReturnType<typeof planBulkAction>>
type TransitionInput = Awaited<ReturnType<typeof transitionValidator.validate>>

/** Back to the demand's page, where the agent sees what their action did. */
function demandUrl(demand: { id: number }) {
  return routeUrl('agent_demands.show', { id: demand.id })
}

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
    const query = inboxQueryString(filters)
    return view.render('demands::agent_index', {
      filters,
      rows: inboxRows(page.demands, i18n, now),
      query,
      ...inboxPageLinks(query, page.nextCursor, Boolean(request.input('apres'))),
      ...(await inboxFilterOptions(agent, i18n)),
      filterLimits: INBOX_FILTER_LIMITS,
    })
  }

  async show(ctx: HttpContext) {
    const { view, auth, params, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const demand = found(await openDemandForAgent(agent, params.id))
    const procedure = found(findProcedure(demand.procedureKey, demand.procedureVersion))
    await recordAudit(agent, 'demand.viewed', demand.id, demand.reference)
    return view.render(
      'demands::agent_show',
      await agentDemandPage(demand, procedure, agent, i18n, clock.now())
    )
  }

  async transition(ctx: HttpContext) {
    const { auth, params, request, response, session } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const demand = found(await findDemandForAgent(agent, params.id))
    const input = await request.validateUsing(transitionValidator)
    try {
      await this.#fireTransition(agent, demand.id, input)
    } catch (error) {
      return this.#transitionRefused(ctx, demand, input.transition, error)
    }
    session.flash('success', 'demands.agent.transition_done')
    return response.redirect().status(303).toPath(demandUrl(demand))
  }

  async message(ctx: HttpContext) {
    const { auth, params, request, response, session, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const demand = found(await findDemandForAgent(agent, params.id))
    const { body } = await request.validateUsing(messageValidator)
    const attachments = await messageAttachments(request.files('attachments'), i18n)
    await new PostMessage().handle({
      demandId: demand.id,
      author: { kind: 'agent', id: agent.id },
      body,
      attachments,
    })
    session.flash('success', 'demands.messages.sent')
    return response.redirect().status(303).toPath(demandUrl(demand))
  }

  async note(ctx: HttpContext) {
    const { auth, params, request, response, session } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const demand = found(await findDemandForAgent(agent, params.id))
    const { body } = await request.validateUsing(noteValidator)
    await new PostMessage().handle({
      demandId: demand.id,
      author: { kind: 'agent', id: agent.id },
      body,
      internal: true,
    })
    session.flash('success', 'demands.agent.note_added')
    return response.redirect().status(303).toPath(demandUrl(demand))
  }

  async assign(ctx: HttpContext) {
    const { auth, params, request, response, session, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const demand = found(await findDemandForAgent(agent, params.id))
    const { assignee } = await request.validateUsing(assignValidator)
    try {
      await new AssignDemand().handle(demand.id, assigneeId(assignee, agent), agent)
    } catch (error) {
      if (error instanceof AssigneeNotInServiceError)
        throw fieldError('assignee', i18n.t('demands.agent.assignee_not_in_service'))
      throw error
    }
    session.flash('success', 'demands.agent.assigned')
    return response.redirect().status(303).toPath(demandUrl(demand))
  }

  /** Sends the demand to another service; the agent goes back to their inbox, where it no longer is. */
  async transfer(ctx: HttpContext) {
    const { auth, params, request, response, session, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const demand = found(await findTransferableDemand(agent, params.id))
    const input = await request.validateUsing(transferValidator)
    try {
      const { target } = await new TransferDemand().handle(demand.id, input, agent)
      session.flash('success_text', i18n.t('demands.transfer.done', { service: target.name }))
    } catch (error) {
      return this.#transferRefused(ctx, demand, error)
    }
    return response.redirect().status(303).toPath(routeUrl('agent_demands.index'))
  }

  async file(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const fileId = Number(ctx.params.fileId) || 0
    const demand = found(await openDemandForAgent(agent, ctx.params.id, `pièce #${fileId}`))
    const file = found(
      await DemandFile.query().where('demandId', demand.id).where('id', fileId).first()
    )
    await recordAudit(agent, 'file.downloaded', demand.id, file.originalName)
    return sendDemandFile(ctx, file)
  }

  async export(ctx: HttpContext) {
    const { auth, request, response, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const filters = parseInboxFilters(request.qs())
    const done = await auditExport(agent, 'demandes', inboxQueryString(filters) || null)
    const stamp = clock.local().toFormat('yyyy-MM-dd-HHmm')
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.header('Content-Disposition', `attachment; filename="demandes-${stamp}.csv"`)
    response.header('Cache-Control', 'private, no-store')
    return response.stream(Readable.from(demandsCsv(agent, filters, i18n, done)))
  }

  /** Bulk action, step 1: what would happen to which demands, for the agent to confirm. */
  async bulkConfirm(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const input = await ctx.request.validateUsing(bulkValidator)
    return this.#bulkConfirmPage(
      ctx,
      await planBulkAction(agent, input.ids, input.bulkAction),
      input.bulkAction
    )
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
      return this.#bulkConfirmPage(ctx, plan, input.bulkAction, {
        commentError: i18n.t('demands.agent.comment_required'),
      })
    }
    const done = await applyBulkAction(agent, plan, input.bulkAction, input.comment)
    session.flash('success_text', i18n.t('demands.bulk.done', { done, total: input.ids.length }))
    return response.redirect().status(303).toPath(routeUrl('agent_demands.index'))
  }

  async saveFilter(ctx: HttpContext) {
    const { auth, request, response, session } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const input = await request.validateUsing(savedFilterValidator)
    const query = inboxQueryString(
      parseInboxFilters(Object.fromEntries(new URLSearchParams(input.query ?? '')))
    )
    await SavedFilter.updateOrCreate({ agentId: agent.id, name: input.name }, { query })
    session.flash('success', 'demands.filters.saved')
    return response
      .redirect()
      .status(303)
      .toPath(routeUrl('agent_demands.index', {}, query))
  }

  async deleteFilter(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    await SavedFilter.query()
      .where('agentId', agent.id)
      .where('id', Number(ctx.params.id) || 0)
      .delete()
    ctx.session.flash('success', 'demands.filters.deleted')
    return ctx.response.redirect().status(303).toPath(routeUrl('agent_demands.index'))
  }

  /** The agent fires the transition they chose, from the state their page showed. */
  #fireTransition(agent: Agent, demandId: number, input: TransitionInput) {
    return new FireTransition().handle({
      demandId,
      transition: input.transition,
      actor: agentActor(agent),
      actorId: agent.id,
      comment: input.comment,
      expectedState: input.expectedState,
    })
  }

  /** A refused transition: a field error when it needs a comment, else a message on the demand's page. */
  #transitionRefused(ctx: HttpContext, demand: { id: number }, transition: string, error: unknown) {
    if (error instanceof TransitionError && error.reason === 'comment_required')
      throw fieldError(`comment-${transition}`, ctx.i18n.t('demands.agent.comment_required'))
    if (!(error instanceof TransitionError || error instanceof StaleDemandError)) throw error
    ctx.session.flash('errorsBag', { transition: ctx.i18n.t('demands.agent.transition_refused') })
    return ctx.response.redirect().status(303).toPath(demandUrl(demand))
  }

  /** An unknown, inactive or same service is a field error; a demand closed meanwhile, a message on its page. */
  #transferRefused(ctx: HttpContext, demand: { id: number }, error: unknown) {
    if (!(error instanceof TransferRefusedError)) throw error
    if (error.reason !== 'closed')
      throw fieldError('service', ctx.i18n.t(`demands.transfer.${error.reason}`))
    ctx.session.flash('errorsBag', { transition: ctx.i18n.t('demands.transfer.refused') })
    return ctx.response.redirect().status(303).toPath(demandUrl(demand))
  }

  #bulkConfirmPage(
    ctx: HttpContext,
    plan: Plan,
    bulkAction: string,
    extra: { commentError?: string } = {}
  ) {
    const actionLabel = plan.transitionLabel
      ? ctx.i18n.t(plan.transitionLabel)
      : ctx.i18n.t('demands.bulk.assign_me')
    return ctx.view.render('demands::agent_bulk_confirm', {
      ...plan,
      bulkAction,
      actionLabel,
      ...extra,
    })
  }
}
