import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import User from '#accounts/models/user'
import { SubmissionRefusedError } from '#demands/actions/submit_demand'
import FileAtCounter from '#demands/actions/file_at_counter'
import { agentServiceSlugs } from '#demands/policies/demand_access'
import { counterProcedures } from '#demands/services/filing_catalogue'
import { stepView } from '#demands/services/step_view'
import { sentFiles } from '#demands/services/uploads'
import { containsInsensitive } from '#core/database/dialect'
import { applicantValidator } from '#demands/validators/filing'
import { fieldError } from '#core/services/form_errors'
import Demand from '#demands/models/demand'
import { notFoundPage } from '#core/services/not_found'

const originValidator = vine.compile(vine.object({ origin: vine.enum(['counter', 'phone', 'mail'] as const) }))

/**
 * Counter mode: an agent of the front desk (accueil) or of the processing
 * service files a demand for a resident found by name, e-mail or phone, or
 * for a person without an account, and records how it came (counter,
 * phone, mail). All the steps are on one page.
 */
export default class CounterController {
  async start(ctx: HttpContext) {
    const { view, auth, request, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const procedures = counterProcedures(await agentServiceSlugs(agent))
    const q = String(request.input('q', '')).trim().slice(0, 100)
    let residents: User[] = []
    if (q.length >= 2) {
      const client = db.connection()
      const digits = q.replace(/\D/g, '')
      const condition = containsInsensitive(client, ['last_name', 'first_name', 'email'], q)
      const query = User.query().whereRaw(condition.sql, condition.bindings)
      if (digits.length >= 6) query.orWhere('phone', 'like', `%${digits.slice(-9)}%`)
      residents = await query.orderBy('lastName').limit(20)
    }
    return view.render('pages/demands/counter_start', {
      procedures: procedures.map((procedure) => ({ key: procedure.key, title: i18n.t(procedure.title) })),
      q,
      residents,
      searched: q.length >= 2,
    })
  }

  async form(ctx: HttpContext) {
    const { view, auth, request, params, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const procedure = counterProcedures(await agentServiceSlugs(agent)).find((candidate) => candidate.key === params.key)
    if (!procedure) return notFoundPage(ctx)
    const resident = request.input('usager') ? await User.find(Number(request.input('usager')) || 0) : null
    const old = ctx.session.flashMessages.all() as Record<string, unknown>
    const transient = new Demand()
    transient.answers = {}
    const steps = []
    for (let index = 0; index < procedure.steps.length; index++) {
      const form = await stepView({ procedure, demand: transient, stepIndex: index, user: resident, i18n, oldInput: Object.keys(old).length ? old : null, householdOwnerId: resident?.id })
      // Agents see every question: the ones that apply are kept on save.
      steps.push({ title: i18n.t(form.step.title), fields: form.fields.map((field) => ({ ...field, visible: true })) })
    }
    return view.render('pages/demands/counter_form', { procedure, resident, steps, action: `/agents/demandes/nouvelle/${procedure.key}${resident ? '?usager=' + resident.id : ''}` })
  }

  async store(ctx: HttpContext) {
    const { auth, request, params, response, i18n, session } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const procedure = counterProcedures(await agentServiceSlugs(agent)).find((candidate) => candidate.key === params.key)
    if (!procedure) return notFoundPage(ctx)
    const resident = request.input('usager') ? await User.find(Number(request.input('usager')) || 0) : null
    if (request.input('usager') && !resident) return notFoundPage(ctx)
    const { origin } = await request.validateUsing(originValidator)
    const applicant = resident ? null : await request.validateUsing(applicantValidator)

    try {
      const submitted = await new FileAtCounter().handle({
        procedure,
        agent,
        origin,
        resident,
        applicant: applicant ? { firstName: applicant.firstName, lastName: applicant.lastName, email: applicant.email, phone: applicant.phone ?? null } : null,
        input: request.except(['_csrf', 'origin', 'firstName', 'lastName', 'email', 'phone']),
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
