import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import User from '#accounts/models/user'
import { SubmissionRefusedError } from '#demands/actions/submit_demand'
import FileAtCounter from '#demands/actions/file_at_counter'
import { agentServiceSlugs } from '#demands/policies/demand_access'
import { counterProcedures } from '#demands/services/filing_catalogue'
import { stepView } from '#demands/services/step_view'
import { sentFiles } from '#demands/services/uploads'
import { counterApplicantValidator } from '#demands/validators/filing'
import { fieldError } from '#core/services/form_errors'
import Demand from '#demands/models/demand'
import { notFoundPage } from '#core/services/not_found'
import CounterPolicy from '#demands/policies/counter_policy'
import SearchResidents, { MIN_RESIDENT_QUERY } from '#demands/actions/search_residents'
import { recordAudit } from '#demands/actions/record_audit'

const originValidator = vine.compile(vine.object({ origin: vine.enum(['counter', 'phone', 'mail'] as const) }))

/**
 * Counter mode: an agent of the front desk (accueil) or of the processing
 * service files a demand for a resident found by name, e-mail or phone, or
 * for a person without an account, and records how it came (counter,
 * phone, mail). All the steps are on one page.
 */
export default class CounterController {
  async start(ctx: HttpContext) {
    const { view, auth, request, response, i18n, bouncer } = ctx
    if (await bouncer.with(CounterPolicy).denies('fileAtCounter')) return notFoundPage(ctx)
    const agent = auth.use('agent').getUserOrFail()
    const procedures = counterProcedures(await agentServiceSlugs(agent)).map((procedure) => ({ key: procedure.key, title: i18n.t(procedure.title) }))
    const q = String(request.input('q', '')).trim().slice(0, 100)
    if (!q) return view.render('demands::counter_start', { procedures, q, residents: [], searched: false })
    if (await bouncer.with(CounterPolicy).denies('searchResidents')) return notFoundPage(ctx)
    const search = await new SearchResidents().handle(agent, q)
    if (search.status === 'too_short') {
      const error = i18n.t('demands.counter.search_too_short', { min: MIN_RESIDENT_QUERY })
      return response.status(422).send(await view.render('demands::counter_start', { procedures, q, residents: [], searched: false, error }))
    }
    return view.render('demands::counter_start', { procedures, q, residents: search.residents, searched: true })
  }

  async form(ctx: HttpContext) {
    const { view, auth, request, params, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const procedure = counterProcedures(await agentServiceSlugs(agent)).find((candidate) => candidate.key === params.key)
    if (!procedure) return notFoundPage(ctx)
    const resident = request.input('usager') ? await User.find(Number(request.input('usager')) || 0) : null
    if (request.input('usager') && !resident) return notFoundPage(ctx)
    // The form shows the resident's details and household: opening it by id is logged like a search.
    if (resident) await recordAudit(agent, 'resident.viewed', null, `${resident.fullName} (#${resident.id})`)
    const old = ctx.session.flashMessages.all() as Record<string, unknown>
    const transient = new Demand()
    transient.answers = {}
    const steps = []
    for (let index = 0; index < procedure.steps.length; index++) {
      const form = await stepView({ procedure, demand: transient, stepIndex: index, user: resident, i18n, oldInput: Object.keys(old).length ? old : null, householdOwnerId: resident?.id })
      // Agents see every question: the ones that apply are kept on save.
      steps.push({ title: i18n.t(form.step.title), fields: form.fields.map((field) => ({ ...field, visible: true })) })
    }
    return view.render('demands::counter_form', { procedure, resident, steps, action: `/agents/demandes/nouvelle/${procedure.key}${resident ? '?usager=' + resident.id : ''}` })
  }

  async store(ctx: HttpContext) {
    const { auth, request, params, response, i18n, session } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const procedure = counterProcedures(await agentServiceSlugs(agent)).find((candidate) => candidate.key === params.key)
    if (!procedure) return notFoundPage(ctx)
    const resident = request.input('usager') ? await User.find(Number(request.input('usager')) || 0) : null
    if (request.input('usager') && !resident) return notFoundPage(ctx)
    const { origin } = await request.validateUsing(originValidator)
    const applicant = resident ? null : (await request.validateUsing(counterApplicantValidator)).applicant

    try {
      const submitted = await new FileAtCounter().handle({
        procedure,
        agent,
        origin,
        resident,
        applicant: applicant ? { firstName: applicant.firstName, lastName: applicant.lastName, email: applicant.email, phone: applicant.phone ?? null } : null,
        input: request.except(['_csrf', 'origin', 'applicant']),
        uploads: (name) => sentFiles(request.files(name)),
        i18n,
      })
      session.flash('success_text', i18n.t('demands.counter.filed', { reference: submitted.reference }))
      return response.redirect().status(303).toPath(`/agents/demandes/${submitted.id}`)
    } catch (error) {
      if (error instanceof SubmissionRefusedError) throw fieldError('_form', error.reasons.map((reason) => i18n.t(`demands.refusals.${reason}`, {}, i18n.t('demands.refusals.generic'))).join(' '))
      throw error
    }
  }
}
