import type { HttpContext } from '@adonisjs/core/http'
import Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import DiscardDrafts from '#demands/actions/discard_draft'
import { StaleDemandError } from '#demands/actions/fire_transition'
import { replyToCity, residentAnswers } from '#demands/actions/reply_to_city'
import { findOwnDemand, findWithdrawableDemand } from '#demands/policies/demand_access'
import WithdrawDemand from '#demands/actions/withdraw_demand'
import { findProcedure, ownerOf, workflowOf } from '#demands/procedures/registry'
import { answerSections } from '#demands/services/answer_sections'
import { stateOf, TransitionError } from '#workflow/define_workflow'
import { timelineFor } from '#demands/services/timeline'
import { messageAttachments, MESSAGE_ATTACHMENTS } from '#demands/services/uploads'
import { messageValidator, withdrawalValidator } from '#demands/validators/filing'
import { sendDemandFile, sendReceiptPdf } from '#demands/services/send_files'
import { DRAFT_LIFETIME_DAYS } from '#demands/jobs/purge_drafts'
import { assertFound, found } from '#core/http/not_found'
import { routeUrl } from '#core/http/route_url'
import type User from '#accounts/models/user'

/** /mon-espace/demandes: the resident's demands and drafts, a demand's page and its message thread. */
export default class ResidentDemandsController {
  async index({ view, auth, i18n, actingFor }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const demands = await Demand.query()
      .where('userId', user.id)
      .whereNot('state', 'draft')
      .orderBy('submittedAt', 'desc')
      .orderBy('id', 'desc')
    const drafts = await Demand.query()
      .where('userId', user.id)
      .where('state', 'draft')
      .orderBy('updatedAt', 'desc')
    const shown = (list: Demand[]) => listedFor(actingFor, list, i18n)
    return view.render('demands::resident_index', {
      demands: shown(demands),
      drafts: shown(drafts),
    })
  }

  async show(ctx: HttpContext) {
    const { view, auth, params, i18n } = ctx
    const { demand, procedure } = await this.#ownDemand(auth.use('web').getUserOrFail(), params.id)
    const demandState = stateOf(workflowOf(procedure), demand.state)
    return view.render('demands::resident_show', {
      demand,
      procedure,
      // Not `state`: Edge reserves that name and a view would read nothing from it.
      demandState,
      sections: await answerSections(demand, procedure, i18n),
      timeline: await timelineFor(demand, workflowOf(procedure), 'resident', i18n),
      mayAnswer: residentAnswers(demand),
      mayWrite: !demandState.closed,
      messageFiles: MESSAGE_ATTACHMENTS,
    })
  }

  /** A message to the service; when the service asked for information, it is the answer that sends the demand back to them. */
  async reply(ctx: HttpContext) {
    const { auth, params, request, response, session, i18n } = ctx
    const user = auth.use('web').getUserOrFail()
    const { demand, procedure } = await this.#ownDemand(user, params.id)
    assertFound(!stateOf(workflowOf(procedure), demand.state).closed)
    const { body } = await request.validateUsing(messageValidator)
    const attachments = await messageAttachments(request.files('attachments'), i18n)
    const demandUrl = routeUrl('resident.demands.show', { id: demand.id })
    try {
      const answering = await replyToCity(demand, user, body, attachments)
      session.flash('success', answering ? 'demands.messages.answered' : 'demands.messages.sent')
      return response.redirect().status(303).toPath(`${demandUrl}#fil`)
    } catch (error) {
      return this.#refused(ctx, demandUrl, error, 'demands.messages.stale')
    }
  }

  async file(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    const demand = found(await findOwnDemand(user, ctx.params.id))
    const file = found(
      await DemandFile.query()
        .where('demandId', demand.id)
        .where('id', Number(ctx.params.fileId) || 0)
        .first()
    )
    // Files attached to internal notes never reach the resident.
    if (file.eventId) {
      const { default: DemandEvent } = await import('#demands/models/demand_event')
      const event = await DemandEvent.find(file.eventId)
      assertFound(event?.visibleToResident)
    }
    return sendDemandFile(ctx, file)
  }

  async receiptPdf(ctx: HttpContext) {
    const demand = found(await findOwnDemand(ctx.auth.use('web').getUserOrFail(), ctx.params.id))
    return sendReceiptPdf(ctx, demand)
  }

  async confirmWithdrawal(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    const demand = found(await findWithdrawableDemand(user, ctx.params.id))
    const procedure = findProcedure(demand.procedureKey, demand.procedureVersion)!
    return ctx.view.render('demands::withdraw', { demand, title: ctx.i18n.t(procedure.title) })
  }

  /** The resident withdraws their open demand, with a reason the service reads. */
  async withdraw(ctx: HttpContext) {
    const { auth, params, request, response, session } = ctx
    const user = auth.use('web').getUserOrFail()
    const demand = found(await findWithdrawableDemand(user, params.id))
    const { reason } = await request.validateUsing(withdrawalValidator)
    const demandUrl = routeUrl('resident.demands.show', { id: demand.id })
    try {
      await new WithdrawDemand().handle(demand, user, reason)
    } catch (error) {
      return this.#refused(ctx, demandUrl, error, 'demands.withdrawal.stale')
    }
    session.flash('success', 'demands.withdrawal.done')
    return response.redirect().status(303).toPath(demandUrl)
  }

  async confirmDiscard(ctx: HttpContext) {
    const draft = found(await this.#ownDraft(ctx))
    const procedure = findProcedure(draft.procedureKey, draft.procedureVersion)
    return ctx.view.render('demands::draft_delete', {
      draft,
      title: procedure ? ctx.i18n.t(procedure.title) : draft.procedureKey,
    })
  }

  async discard(ctx: HttpContext) {
    const draft = found(await this.#ownDraft(ctx))
    await new DiscardDrafts().handle([draft.id])
    ctx.session.flash('success', 'demands.drafts.deleted')
    return ctx.response.redirect().status(303).toPath(routeUrl('resident.demands.index'))
  }

  /** The demand changed while the resident wrote (the service answered first): back to its page, with a word why. */
  #refused(ctx: HttpContext, demandUrl: string, error: unknown, message: string) {
    if (!(error instanceof StaleDemandError || error instanceof TransitionError)) throw error
    ctx.session.flash('errorsBag', { demand: ctx.i18n.t(message) })
    return ctx.response.redirect().status(303).toPath(demandUrl)
  }

  /** The resident's own filed demand and its procedure. */
  async #ownDemand(user: User, id: unknown) {
    const demand = found(await findOwnDemand(user, id))
    return { demand, procedure: found(findProcedure(demand.procedureKey, demand.procedureVersion)) }
  }

  async #ownDraft(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    const id = Number(ctx.params.id)
    if (!Number.isSafeInteger(id)) return null
    return Demand.query().where('id', id).where('userId', user.id).where('state', 'draft').first()
  }
}

/** A demand or draft as its resident lists it: title, status, and where to resume a draft before it expires. */
function describeForResident(demand: Demand, i18n: HttpContext['i18n']) {
  const procedure = findProcedure(demand.procedureKey, demand.procedureVersion)
  const state = procedure
    ? stateOf(workflowOf(procedure), demand.isDraft ? workflowOf(procedure).initial : demand.state)
    : null
  return {
    demand,
    title: procedure ? i18n.t(procedure.title) : demand.procedureKey,
    stateLabel: state && !demand.isDraft ? i18n.t(state.residentLabel) : null,
    closed: Boolean(state?.closed),
    resumeUrl: procedure
      ? `/demarches/${procedure.key}/${demand.id}/etape/${Math.min(demand.currentStep, procedure.steps.length - 1) + 1}`
      : null,
    expiresOn: demand.updatedAt.plus({ days: DRAFT_LIFETIME_DAYS }),
  }
}

/** The demands as the resident's list shows them; a mediator acting for the resident sees only those of the modules the mandate covers. */
function listedFor(actingFor: HttpContext['actingFor'], list: Demand[], i18n: HttpContext['i18n']) {
  return list
    .filter(
      (demand) =>
        !actingFor || actingFor.modules.includes(ownerOf(demand.procedureKey) ?? 'demands')
    )
    .map((demand) => describeForResident(demand, i18n))
}
