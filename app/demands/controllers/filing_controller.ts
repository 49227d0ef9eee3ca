import type { HttpContext } from '@adonisjs/core/http'
import { loggedInResident } from '#accounts/services/sessions'
import { errors } from '@vinejs/vine'
import Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import StartDraft from '#demands/actions/start_draft'
import SaveStep from '#demands/actions/save_step'
import SubmitDemand, { SubmissionRefusedError } from '#demands/actions/submit_demand'
import RemoveDraftFile from '#demands/actions/remove_draft_file'
import { openProcedure } from '#demands/services/filing_catalogue'
import { findFiledDemand, rememberAnonymousDraft } from '#demands/policies/demand_access'
import { stepView } from '#demands/services/step_view'
import { stepUploads } from '#demands/services/uploads'
import { answerSections } from '#demands/services/answer_sections'
import { refusalText } from '#demands/services/refusals'
import { sendDemandFile, sendReceiptPdf } from '#demands/services/send_files'
import { householdMemberIds } from '#demands/queries/household'
import { applicantValidator } from '#demands/validators/filing'
import { stepFieldMessage } from '#demands/validators/step_field'
import { workflowOf } from '#demands/procedures/registry'
import { stateOf } from '#workflow/define_workflow'
import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import { assertFound, found } from '#core/http/not_found'
import { routeUrl } from '#core/http/route_url'
import { cameFromFranceConnect } from '#accounts/services/franceconnect_session'
import { requiresFranceConnect } from '#demands/services/procedure_settings'

/**
 * Filing a procedure under /demarches/<key>: a draft saved at each step,
 * contact details for people without an account, a review page, the
 * submission and its receipt (page, mail, PDF). Works without JavaScript.
 */
export default class FilingController {
  async start(ctx: HttpContext) {
    const procedure = found(openProcedure(String(ctx.params.key)))
    const user = await loggedInResident(ctx)
    const drafts = user ? await this.#draftsOf(user.id, procedure) : []
    return ctx.view.render('demands::start', {
      procedure,
      user,
      drafts,
      stepTitles: procedure.steps.map((step) => ctx.i18n.t(step.title)),
      franceConnectMissing: await this.#franceConnectMissing(ctx, procedure),
    })
  }

  async create(ctx: HttpContext) {
    const procedure = found(openProcedure(String(ctx.params.key)))
    const user = await loggedInResident(ctx)
    if (!user && procedure.filer !== 'anyone') {
      ctx.session.put('intended_url', routeUrl('filing.start', { key: procedure.key }))
      return ctx.response.redirect().status(303).toPath(routeUrl('accounts.login.create'))
    }
    const start = routeUrl('filing.start', { key: procedure.key })
    if (await this.#franceConnectMissing(ctx, procedure))
      return ctx.response.redirect(start, false, 303)
    const draft = await new StartDraft().handle(procedure, { user, ...mediatedFiling(ctx) })
    if (!user) rememberAnonymousDraft(ctx.session, draft.id)
    return ctx.response
      .redirect()
      .status(303)
      .toPath(this.#stepUrl(procedure, draft, 0))
  }

  async showStep(ctx: HttpContext) {
    const { procedure, draft } = await this.#draft(ctx)
    const stepIndex = this.#stepIndex(ctx, procedure)
    if (stepIndex > draft.currentStep)
      return ctx.response.redirect().toPath(this.#stepUrl(procedure, draft, draft.currentStep))
    const form = await this.#stepForm(ctx, procedure, draft, stepIndex)
    return ctx.view.render('demands::step', {
      procedure,
      draft,
      stepIndex,
      ...this.#progress(ctx, procedure, draft),
      ...this.#stepLinks(procedure, draft, stepIndex),
      revealed: ctx.session.flashMessages.get('revealed', false),
      ...form,
    })
  }

  async saveStep(ctx: HttpContext) {
    const { procedure, draft } = await this.#draft(ctx)
    const stepIndex = this.#stepIndex(ctx, procedure)
    assertFound(stepIndex <= draft.currentStep)
    const here = this.#stepUrl(procedure, draft, stepIndex)
    const removeFile = ctx.request.input('removeFile')
    if (removeFile) return this.#removeFile(ctx, draft, Number(removeFile), here)
    const shown = String(ctx.request.input('_shown', '')).split(',').filter(Boolean)
    const { revealed } = await this.#saveAnswers(ctx, procedure, draft, stepIndex, shown)
    if (revealed) return this.#showRevealed(ctx, here)
    const next = this.#afterStep(procedure, draft, stepIndex + 1)
    return ctx.response.redirect().status(303).toPath(next)
  }

  /** htmx: checks one field of a step with the step's own validator and answers with its message (or none). */
  async checkField(ctx: HttpContext) {
    const { procedure, draft } = await this.#draft(ctx)
    const step = procedure.steps[Number(ctx.params.step) - 1]
    const name = String(ctx.request.input('_field', ''))
    const field = step?.fields.find(
      (candidate) => candidate.name === name && candidate.type !== 'file'
    )
    if (!field) return ctx.response.badRequest('')
    const message = await stepFieldMessage(
      step,
      field,
      draft.answers,
      ctx.request.except(['_csrf', '_shown', '_field']),
      ctx.i18n
    )
    return ctx.view.render('demands::partials/inline_error', { name, message })
  }

  async showApplicant(ctx: HttpContext) {
    const { procedure, draft } = await this.#draft(ctx)
    assertFound(!draft.userId)
    if (draft.currentStep < procedure.steps.length)
      return ctx.response.redirect().toPath(this.#stepUrl(procedure, draft, draft.currentStep))
    return ctx.view.render('demands::applicant', {
      procedure,
      draft,
      ...this.#progress(ctx, procedure, draft),
      previous: this.#stepUrl(procedure, draft, procedure.steps.length - 1),
    })
  }

  async saveApplicant(ctx: HttpContext) {
    const { procedure, draft } = await this.#draft(ctx)
    assertFound(!draft.userId)
    const input = await ctx.request.validateUsing(applicantValidator)
    draft.merge({
      applicantFirstName: input.firstName,
      applicantLastName: input.lastName,
      applicantEmail: input.email,
      applicantPhone: input.phone ?? null,
    })
    await draft.save()
    return ctx.response
      .redirect()
      .status(303)
      .toPath(this.#pageUrl('filing.review', procedure, draft))
  }

  async review(ctx: HttpContext) {
    const { procedure, draft } = await this.#draft(ctx)
    if (draft.currentStep < procedure.steps.length)
      return ctx.response.redirect().toPath(this.#stepUrl(procedure, draft, draft.currentStep))
    if (!draft.userId && !draft.applicantEmail)
      return ctx.response.redirect().toPath(this.#pageUrl('filing.applicant', procedure, draft))
    const sections = await answerSections(draft, procedure, ctx.i18n)
    return ctx.view.render('demands::review', {
      procedure,
      draft,
      sections,
      ...this.#progress(ctx, procedure, draft),
      stepUrl: (index: number) => this.#stepUrl(procedure, draft, index),
    })
  }

  async submit(ctx: HttpContext) {
    const open = await this.#findDraft(ctx)
    if (!open) return this.#alreadySubmitted(ctx)
    const { procedure, draft } = open
    try {
      await new SubmitDemand().handle(draft.id, {
        withFranceConnect: cameFromFranceConnect(ctx.session),
      })
    } catch (error) {
      if (!(error instanceof SubmissionRefusedError)) throw error
      return this.#refused(ctx, procedure, draft, error)
    }
    return ctx.response
      .redirect()
      .status(303)
      .toPath(this.#pageUrl('filing.receipt', procedure, draft))
  }

  async receipt(ctx: HttpContext) {
    const demand = found(await findFiledDemand(ctx, ctx.params.id, { draft: false }))
    const procedure = found(
      openProcedure(demand.procedureKey, { version: demand.procedureVersion })
    )
    assertFound(demand.procedureKey === ctx.params.key)
    return ctx.view.render('demands::receipt', {
      procedure,
      demand,
      stateLabel: stateOf(workflowOf(procedure), demand.state).residentLabel,
    })
  }

  async receiptPdf(ctx: HttpContext) {
    const demand = found(await findFiledDemand(ctx, ctx.params.id, { draft: false }))
    assertFound(demand.procedureKey === ctx.params.key)
    return sendReceiptPdf(ctx, demand)
  }

  /** A file of the resident's own draft (to check what they attached). */
  async draftFile(ctx: HttpContext) {
    const { draft } = await this.#draft(ctx)
    const file = found(
      await DemandFile.query()
        .where('demandId', draft.id)
        .where('id', Number(ctx.params.fileId) || 0)
        .first()
    )
    return sendDemandFile(ctx, file)
  }

  /** The resident's drafts of this procedure, the latest first. */
  #draftsOf(userId: number, procedure: ProcedureDefinition) {
    return Demand.query()
      .where('userId', userId)
      .where('procedureKey', procedure.key)
      .where('state', 'draft')
      .orderBy('updatedAt', 'desc')
  }

  /** The city requires FranceConnect for this procedure and this session did not come from it. */
  async #franceConnectMissing(ctx: HttpContext, procedure: ProcedureDefinition) {
    return !cameFromFranceConnect(ctx.session) && (await requiresFranceConnect(procedure))
  }

  /** The draft of this URL's procedure, if this visitor may fill it in. */
  async #findDraft(
    ctx: HttpContext
  ): Promise<{ procedure: ProcedureDefinition; draft: Demand } | null> {
    if (!openProcedure(String(ctx.params.key))) return null
    await loggedInResident(ctx)
    const draft = await findFiledDemand(ctx, ctx.params.id, { draft: true })
    if (!draft || draft.procedureKey !== String(ctx.params.key)) return null
    // A draft started on an earlier version of a built procedure finishes on it.
    const procedure = openProcedure(draft.procedureKey, { version: draft.procedureVersion })
    if (!procedure) return null
    return { procedure, draft }
  }

  async #draft(ctx: HttpContext) {
    return found(await this.#findDraft(ctx))
  }

  /** The step of the URL (0-based), if the procedure has it. */
  #stepIndex(ctx: HttpContext, procedure: ProcedureDefinition) {
    const stepIndex = Number(ctx.params.step) - 1
    assertFound(Number.isInteger(stepIndex) && stepIndex >= 0 && stepIndex < procedure.steps.length)
    return stepIndex
  }

  /** Saves the step's answers; on a validation error, remembers which fields the page showed for the page shown again. */
  async #saveAnswers(
    ctx: HttpContext,
    procedure: ProcedureDefinition,
    draft: Demand,
    stepIndex: number,
    shown: string[]
  ) {
    const answers = await this.#stepAnswers(ctx, procedure, draft, stepIndex, shown)
    try {
      return await new SaveStep().handle(answers)
    } catch (error) {
      if (error instanceof errors.E_VALIDATION_ERROR) {
        ctx.session.flashExcept(['_csrf'])
        ctx.session.flash('_shown', shown.join(','))
      }
      throw error
    }
  }

  /** What the resident sent for a step: answers, files, and their household (for questions about its members). */
  async #stepAnswers(
    ctx: HttpContext,
    procedure: ProcedureDefinition,
    draft: Demand,
    stepIndex: number,
    shown: string[]
  ) {
    const user = ctx.auth.use('web').user ?? null
    const uploads = stepUploads(procedure.steps[stepIndex], (name) => ctx.request.files(name))
    const context = { householdMemberIds: user ? await householdMemberIds(user.id) : [] }
    const input = ctx.request.except(['_csrf', '_shown'])
    return {
      demand: draft,
      procedure,
      stepIndex,
      input,
      uploads,
      shown,
      context,
      i18n: ctx.i18n,
      uploadedBy: 'resident' as const,
    }
  }

  /** A step whose answers revealed more questions: the same step again, its answers kept. */
  #showRevealed(ctx: HttpContext, here: string) {
    ctx.session.flashExcept(['_csrf'])
    ctx.session.flash('revealed', true)
    return ctx.response.redirect().status(303).toPath(here)
  }

  /** The step's questions, with what the resident typed when the step comes back after an error. */
  #stepForm(ctx: HttpContext, procedure: ProcedureDefinition, draft: Demand, stepIndex: number) {
    const oldInput = ctx.session.flashMessages.has('_shown')
      ? (ctx.session.flashMessages.all() as Record<string, unknown>)
      : null
    return stepView({
      procedure,
      demand: draft,
      stepIndex,
      user: ctx.auth.use('web').user ?? null,
      i18n: ctx.i18n,
      oldInput,
    })
  }

  /** Where the step's form posts, and its "previous" link (the procedure's start page from the first step). */
  #stepLinks(procedure: ProcedureDefinition, draft: Demand, stepIndex: number) {
    return {
      action: this.#stepUrl(procedure, draft, stepIndex),
      previous:
        stepIndex > 0
          ? this.#stepUrl(procedure, draft, stepIndex - 1)
          : routeUrl('filing.start', { key: procedure.key }),
    }
  }

  async #removeFile(ctx: HttpContext, draft: Demand, fileId: number, here: string) {
    await new RemoveDraftFile().handle(draft, fileId)
    ctx.session.flashExcept(['_csrf', 'removeFile'])
    ctx.session.flash('success', 'demands.files.removed')
    return ctx.response.redirect().status(303).toPath(here)
  }

  /** A second click on "Envoyer" after the first went through: show the receipt. */
  async #alreadySubmitted(ctx: HttpContext) {
    const done = found(await findFiledDemand(ctx, ctx.params.id, { draft: false }))
    assertFound(done.procedureKey === ctx.params.key)
    return ctx.response
      .redirect()
      .status(303)
      .toPath(routeUrl('filing.receipt', { key: done.procedureKey, id: done.id }))
  }

  #refused(
    ctx: HttpContext,
    procedure: ProcedureDefinition,
    draft: Demand,
    error: SubmissionRefusedError
  ) {
    if (error.reasons.includes('incomplete'))
      return ctx.response
        .redirect()
        .status(303)
        .toPath(this.#stepUrl(procedure, draft, draft.currentStep))
    if (error.reasons.includes('already_submitted'))
      return ctx.response
        .redirect()
        .status(303)
        .toPath(this.#pageUrl('filing.receipt', procedure, draft))
    ctx.session.flash('errorsBag', { submission: refusalText(ctx.i18n, error.reasons) })
    return ctx.response
      .redirect()
      .status(303)
      .toPath(this.#pageUrl('filing.review', procedure, draft))
  }

  /** After a step: the next one, then the contact details (people without an account), then the review. */
  #afterStep(procedure: ProcedureDefinition, draft: Demand, next: number) {
    if (next < procedure.steps.length) return this.#stepUrl(procedure, draft, next)
    return this.#pageUrl(draft.userId ? 'filing.review' : 'filing.applicant', procedure, draft)
  }

  #stepUrl(procedure: ProcedureDefinition, draft: Demand, index: number) {
    return routeUrl('filing.step', {
      key: procedure.key,
      id: draft.id,
      step: Math.min(index, procedure.steps.length - 1) + 1,
    })
  }

  #pageUrl(
    route: 'filing.applicant' | 'filing.review' | 'filing.receipt',
    procedure: ProcedureDefinition,
    draft: Demand
  ) {
    return routeUrl(route, { key: procedure.key, id: draft.id })
  }

  /** The stepper: the procedure's steps, the contact step for people without an account, and the review. */
  #progress(ctx: HttpContext, procedure: ProcedureDefinition, draft: Demand) {
    const stepTitles = procedure.steps.map((step) => ctx.i18n.t(step.title))
    if (!draft.userId) stepTitles.push(ctx.i18n.t('demands.filing.applicant_title'))
    stepTitles.push(ctx.i18n.t('demands.filing.review_title'))
    return { total: procedure.steps.length + (draft.userId ? 1 : 2), stepTitles }
  }
}

/** A mediator acting for the resident files through the resident's pages: the demand says so (its channel) and who filed it. */
function mediatedFiling(ctx: HttpContext) {
  return ctx.actingFor ? { origin: 'mediation' as const, agentId: ctx.actingFor.agentId } : {}
}
