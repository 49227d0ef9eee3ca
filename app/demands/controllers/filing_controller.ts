import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '@vinejs/vine'
import HouseholdMember from '#accounts/models/household_member'
import Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import StartDraft from '#demands/actions/start_draft'
import SaveStep from '#demands/actions/save_step'
import SubmitDemand, { SubmissionRefusedError } from '#demands/actions/submit_demand'
import RemoveDraftFile from '#demands/actions/remove_draft_file'
import { openProcedure } from '#demands/services/filing_catalogue'
import { findFiledDemand, rememberAnonymousDraft } from '#demands/policies/demand_access'
import { stepView } from '#demands/services/step_view'
import { sentFiles } from '#demands/services/uploads'
import { answerSections } from '#demands/services/answer_sections'
import { sendDemandFile, sendReceiptPdf } from '#demands/services/send_files'
import { stepValidator } from '#demands/procedures/step_validator'
import { ProcedureMessages } from '#demands/procedures/messages'
import { applicantValidator } from '#demands/validators/filing'
import { workflowOf } from '#demands/procedures/registry'
import { stateOf } from '#workflow/define_workflow'
import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import { notFoundPage } from '#core/services/not_found'

/**
 * Filing a procedure under /demarches/<key>: a draft saved at each step,
 * contact details for people without an account, a review page, the
 * submission and its receipt (page, mail, PDF). Works without JavaScript.
 */
export default class FilingController {
  async start(ctx: HttpContext) {
    const procedure = await this.#procedure(ctx)
    if (!procedure) return notFoundPage(ctx)
    const user = (await ctx.auth.use('web').check()) ? ctx.auth.use('web').user! : null
    const drafts = user ? await Demand.query().where('userId', user.id).where('procedureKey', procedure.key).where('state', 'draft').orderBy('updatedAt', 'desc') : []
    return ctx.view.render('demands::start', { procedure, user, drafts, stepTitles: procedure.steps.map((step) => ctx.i18n.t(step.title)) })
  }

  async create(ctx: HttpContext) {
    const procedure = await this.#procedure(ctx)
    if (!procedure) return notFoundPage(ctx)
    const user = (await ctx.auth.use('web').check()) ? ctx.auth.use('web').user! : null
    if (!user && procedure.filer !== 'anyone') {
      ctx.session.put('intended_url', `/demarches/${procedure.key}`)
      return ctx.response.redirect().status(303).toPath('/connexion')
    }
    const draft = await new StartDraft().handle(procedure, { user })
    if (!user) rememberAnonymousDraft(ctx.session, draft.id)
    return ctx.response.redirect().status(303).toPath(`/demarches/${procedure.key}/${draft.id}/etape/1`)
  }

  async showStep(ctx: HttpContext) {
    const found = await this.#draft(ctx)
    if (!found) return notFoundPage(ctx)
    const { procedure, draft } = found
    const stepIndex = Number(ctx.params.step) - 1
    if (!Number.isInteger(stepIndex) || stepIndex < 0 || stepIndex >= procedure.steps.length) return notFoundPage(ctx)
    if (stepIndex > draft.currentStep) return ctx.response.redirect().toPath(this.#stepUrl(procedure, draft, draft.currentStep))
    const user = ctx.auth.use('web').user ?? null
    const oldInput = ctx.session.flashMessages.has('_shown') ? (ctx.session.flashMessages.all() as Record<string, unknown>) : null
    const form = await stepView({ procedure, demand: draft, stepIndex, user, i18n: ctx.i18n, oldInput })
    return ctx.view.render('demands::step', {
      procedure,
      draft,
      stepIndex,
      total: this.#totalSteps(procedure, draft),
      stepTitles: this.#stepTitles(ctx, procedure, draft),
      action: `/demarches/${procedure.key}/${draft.id}/etape/${stepIndex + 1}`,
      previous: stepIndex > 0 ? this.#stepUrl(procedure, draft, stepIndex - 1) : `/demarches/${procedure.key}`,
      revealed: ctx.session.flashMessages.get('revealed', false),
      ...form,
    })
  }

  async saveStep(ctx: HttpContext) {
    const found = await this.#draft(ctx)
    if (!found) return notFoundPage(ctx)
    const { procedure, draft } = found
    const stepIndex = Number(ctx.params.step) - 1
    if (!Number.isInteger(stepIndex) || stepIndex < 0 || stepIndex >= procedure.steps.length || stepIndex > draft.currentStep) return notFoundPage(ctx)
    const here = `/demarches/${procedure.key}/${draft.id}/etape/${stepIndex + 1}`

    const removeFile = ctx.request.input('removeFile')
    if (removeFile) {
      await new RemoveDraftFile().handle(draft, Number(removeFile))
      ctx.session.flashExcept(['_csrf', 'removeFile'])
      ctx.session.flash('success', 'demands.files.removed')
      return ctx.response.redirect().status(303).toPath(here)
    }

    const step = procedure.steps[stepIndex]
    const uploads = Object.fromEntries(step.fields.filter((field) => field.type === 'file').map((field) => [field.name, sentFiles(ctx.request.files(field.name))]))
    const shown = String(ctx.request.input('_shown', '')).split(',').filter(Boolean)
    const user = ctx.auth.use('web').user ?? null
    const householdMemberIds = user ? (await HouseholdMember.query().where('userId', user.id).select('id')).map((member) => member.id) : []
    try {
      const { revealed } = await new SaveStep().handle({
        demand: draft,
        procedure,
        stepIndex,
        input: ctx.request.except(['_csrf', '_shown']),
        uploads,
        shown,
        context: { householdMemberIds },
        i18n: ctx.i18n,
        uploadedBy: 'resident',
      })
      if (revealed) {
        ctx.session.flashExcept(['_csrf'])
        ctx.session.flash('revealed', true)
        return ctx.response.redirect().status(303).toPath(here)
      }
    } catch (error) {
      if (error instanceof errors.E_VALIDATION_ERROR) {
        ctx.session.flashExcept(['_csrf'])
        ctx.session.flash('_shown', shown.join(','))
        throw error
      }
      throw error
    }
    const next = stepIndex + 1
    if (next < procedure.steps.length) return ctx.response.redirect().status(303).toPath(this.#stepUrl(procedure, draft, next))
    if (!draft.userId) return ctx.response.redirect().status(303).toPath(`/demarches/${procedure.key}/${draft.id}/coordonnees`)
    return ctx.response.redirect().status(303).toPath(`/demarches/${procedure.key}/${draft.id}/recapitulatif`)
  }

  /** htmx: checks one field of a step with the step's own validator and answers with its message (or none). */
  async checkField(ctx: HttpContext) {
    const found = await this.#draft(ctx)
    if (!found) return notFoundPage(ctx)
    const { procedure, draft } = found
    const step = procedure.steps[Number(ctx.params.step) - 1]
    const name = String(ctx.request.input('_field', ''))
    const field = step?.fields.find((candidate) => candidate.name === name && candidate.type !== 'file')
    if (!field) return ctx.response.badRequest('')
    const input = ctx.request.except(['_csrf', '_shown', '_field'])
    let message: string | null = null
    try {
      await stepValidator({ ...step, fields: [field] }, { ...draft.answers, ...input }, {}).validate(input, { messagesProvider: new ProcedureMessages(ctx.i18n, step) })
    } catch (error) {
      if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
      message = (error.messages as { message: string }[])[0]?.message ?? null
    }
    return ctx.view.render('demands::partials/inline_error', { name, message })
  }

  async showApplicant(ctx: HttpContext) {
    const found = await this.#draft(ctx)
    if (!found || found.draft.userId) return notFoundPage(ctx)
    const { procedure, draft } = found
    if (draft.currentStep < procedure.steps.length) return ctx.response.redirect().toPath(this.#stepUrl(procedure, draft, draft.currentStep))
    return ctx.view.render('demands::applicant', {
      procedure,
      draft,
      total: this.#totalSteps(procedure, draft),
      stepTitles: this.#stepTitles(ctx, procedure, draft),
      previous: this.#stepUrl(procedure, draft, procedure.steps.length - 1),
    })
  }

  async saveApplicant(ctx: HttpContext) {
    const found = await this.#draft(ctx)
    if (!found || found.draft.userId) return notFoundPage(ctx)
    const { procedure, draft } = found
    const input = await ctx.request.validateUsing(applicantValidator)
    draft.merge({ applicantFirstName: input.firstName, applicantLastName: input.lastName, applicantEmail: input.email, applicantPhone: input.phone ?? null })
    await draft.save()
    return ctx.response.redirect().status(303).toPath(`/demarches/${procedure.key}/${draft.id}/recapitulatif`)
  }

  async review(ctx: HttpContext) {
    const found = await this.#draft(ctx)
    if (!found) return notFoundPage(ctx)
    const { procedure, draft } = found
    if (draft.currentStep < procedure.steps.length) return ctx.response.redirect().toPath(this.#stepUrl(procedure, draft, draft.currentStep))
    if (!draft.userId && !draft.applicantEmail) return ctx.response.redirect().toPath(`/demarches/${procedure.key}/${draft.id}/coordonnees`)
    const sections = await answerSections(draft, procedure, ctx.i18n)
    return ctx.view.render('demands::review', {
      procedure,
      draft,
      sections,
      total: this.#totalSteps(procedure, draft),
      stepTitles: this.#stepTitles(ctx, procedure, draft),
      stepUrl: (index: number) => this.#stepUrl(procedure, draft, index),
    })
  }

  async submit(ctx: HttpContext) {
    const found = await this.#draft(ctx)
    if (!found) {
      // A second click on "Envoyer" after the first went through: show the receipt.
      const done = await findFiledDemand(ctx, ctx.params.id, { draft: false })
      if (done && done.procedureKey === ctx.params.key) return ctx.response.redirect().status(303).toPath(`/demarches/${done.procedureKey}/${done.id}/accuse-reception`)
      return notFoundPage(ctx)
    }
    const { procedure, draft } = found
    try {
      await new SubmitDemand().handle(draft.id)
    } catch (error) {
      if (!(error instanceof SubmissionRefusedError)) throw error
      if (error.reasons.includes('incomplete')) return ctx.response.redirect().status(303).toPath(this.#stepUrl(procedure, draft, draft.currentStep))
      if (error.reasons.includes('already_submitted')) return ctx.response.redirect().status(303).toPath(`/demarches/${procedure.key}/${draft.id}/accuse-reception`)
      ctx.session.flash('errorsBag', { submission: error.reasons.map((reason) => ctx.i18n.t(`demands.refusals.${reason}`, {}, ctx.i18n.t('demands.refusals.generic'))).join(' ') })
      return ctx.response.redirect().status(303).toPath(`/demarches/${procedure.key}/${draft.id}/recapitulatif`)
    }
    return ctx.response.redirect().status(303).toPath(`/demarches/${procedure.key}/${draft.id}/accuse-reception`)
  }

  async receipt(ctx: HttpContext) {
    const demand = await findFiledDemand(ctx, ctx.params.id, { draft: false })
    const procedure = demand ? openProcedure(demand.procedureKey) : null
    if (!demand || !procedure || demand.procedureKey !== ctx.params.key) return notFoundPage(ctx)
    return ctx.view.render('demands::receipt', { procedure, demand, stateLabel: stateOf(workflowOf(procedure), demand.state).residentLabel })
  }

  async receiptPdf(ctx: HttpContext) {
    const demand = await findFiledDemand(ctx, ctx.params.id, { draft: false })
    if (!demand || demand.procedureKey !== ctx.params.key) return notFoundPage(ctx)
    return sendReceiptPdf(ctx, demand)
  }

  /** A file of the resident's own draft (to check what they attached). */
  async draftFile(ctx: HttpContext) {
    const found = await this.#draft(ctx)
    if (!found) return notFoundPage(ctx)
    const file = await DemandFile.query().where('demandId', found.draft.id).where('id', Number(ctx.params.fileId) || 0).first()
    if (!file) return notFoundPage(ctx)
    return sendDemandFile(ctx, file)
  }

  async #procedure(ctx: HttpContext) {
    return openProcedure(String(ctx.params.key))
  }

  async #draft(ctx: HttpContext): Promise<{ procedure: ProcedureDefinition; draft: Demand } | null> {
    const procedure = await this.#procedure(ctx)
    if (!procedure) return null
    await ctx.auth.use('web').check()
    const draft = await findFiledDemand(ctx, ctx.params.id, { draft: true })
    if (!draft || draft.procedureKey !== procedure.key) return null
    return { procedure, draft }
  }

  #stepUrl(procedure: ProcedureDefinition, draft: Demand, index: number) {
    return `/demarches/${procedure.key}/${draft.id}/etape/${Math.min(index, procedure.steps.length - 1) + 1}`
  }

  /** The procedure's steps, the contact step for people without an account, and the review. */
  #stepTitles(ctx: HttpContext, procedure: ProcedureDefinition, draft: Demand) {
    const titles = procedure.steps.map((step) => ctx.i18n.t(step.title))
    if (!draft.userId) titles.push(ctx.i18n.t('demands.filing.applicant_title'))
    titles.push(ctx.i18n.t('demands.filing.review_title'))
    return titles
  }

  #totalSteps(procedure: ProcedureDefinition, draft: Demand) {
    return procedure.steps.length + (draft.userId ? 1 : 2)
  }

}
