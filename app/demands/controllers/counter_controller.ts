import type { HttpContext } from '@adonisjs/core/http'
import type Agent from '#accounts/models/agent'
import User from '#accounts/models/user'
import { SubmissionRefusedError } from '#demands/actions/submit_demand'
import FileAtCounter from '#demands/actions/file_at_counter'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { counterProcedures } from '#demands/services/filing_catalogue'
import { counterSteps } from '#demands/services/counter_form'
import { refusalText } from '#demands/services/refusals'
import { sentFiles } from '#demands/services/uploads'
import { counterApplicantValidator } from '#demands/validators/filing'
import { originValidator } from '#demands/validators/agents'
import { fieldError } from '#core/services/form_errors'
import { assertFound, found } from '#core/http/not_found'
import { routeUrl } from '#core/http/route_url'
import CounterPolicy from '#demands/policies/counter_policy'
import SearchResidents, { MIN_RESIDENT_QUERY } from '#demands/actions/search_residents'
import { recordAudit } from '#demands/actions/record_audit'

/**
 * Counter mode: an agent of the front desk (accueil) or of the processing
 * service files a demand for a resident found by name, e-mail or phone, or
 * for a person without an account, and records how it came (counter,
 * phone, mail). All the steps are on one page.
 */
export default class CounterController {
  async start(ctx: HttpContext) {
    const { view, auth, request, response, i18n, bouncer } = ctx
    assertFound(await bouncer.with(CounterPolicy).allows('fileAtCounter'))
    const agent = auth.use('agent').getUserOrFail()
    const procedures = counterProcedures(await agentServiceSlugs(agent)).map((procedure) => ({
      key: procedure.key,
      title: i18n.t(procedure.title),
    }))
    const q = String(request.input('q', '')).trim().slice(0, 100)
    if (!q)
      return view.render('demands::counter_start', {
        procedures,
        q,
        residents: [],
        searched: false,
      })
    assertFound(await bouncer.with(CounterPolicy).allows('searchResidents'))
    const search = await new SearchResidents().handle(agent, q)
    if (search.status === 'too_short') {
      const error = i18n.t('demands.counter.search_too_short', { min: MIN_RESIDENT_QUERY })
      return response.status(422).send(
        await view.render('demands::counter_start', {
          procedures,
          q,
          residents: [],
          searched: false,
          error,
        })
      )
    }
    return view.render('demands::counter_start', {
      procedures,
      q,
      residents: search.residents,
      searched: true,
    })
  }

  async form(ctx: HttpContext) {
    const { view, auth, params, i18n } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const procedure = await this.#procedure(agent, params.key)
    const resident = await this.#resident(ctx)
    // The form shows the resident's details and household: opening it by id is logged like a search.
    if (resident)
      await recordAudit(agent, 'resident.viewed', null, `${resident.fullName} (#${resident.id})`)
    const steps = await counterSteps(
      procedure,
      resident,
      i18n,
      ctx.session.flashMessages.all() as Record<string, unknown>
    )
    const action = routeUrl(
      'agent_demands.counter.store',
      { key: procedure.key },
      { usager: resident?.id }
    )
    return view.render('demands::counter_form', { procedure, resident, steps, action })
  }

  async store(ctx: HttpContext) {
    const { auth, request, params, response, i18n, session } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const procedure = await this.#procedure(agent, params.key)
    const resident = await this.#resident(ctx)
    const { origin } = await request.validateUsing(originValidator)
    const applicant = resident
      ? null
      : (await request.validateUsing(counterApplicantValidator)).applicant
    const contact = applicant
      ? {
          firstName: applicant.firstName,
          lastName: applicant.lastName,
          email: applicant.email,
          phone: applicant.phone ?? null,
        }
      : null
    try {
      const submitted = await new FileAtCounter().handle({
        procedure,
        agent,
        origin,
        resident,
        applicant: contact,
        input: request.except(['_csrf', 'origin', 'applicant']),
        uploads: (name) => sentFiles(request.files(name)),
        i18n,
      })
      session.flash(
        'success_text',
        i18n.t('demands.counter.filed', { reference: submitted.reference })
      )
      return response
        .redirect()
        .status(303)
        .toPath(routeUrl('agent_demands.show', { id: submitted.id }))
    } catch (error) {
      if (error instanceof SubmissionRefusedError)
        throw fieldError('_form', refusalText(i18n, error.reasons))
      throw error
    }
  }

  /** A procedure the agent's services may file at the counter. */
  async #procedure(agent: Agent, key: string) {
    return found(
      counterProcedures(await agentServiceSlugs(agent)).find((candidate) => candidate.key === key)
    )
  }

  /** The resident filed for (?usager=<id>), if any: an unknown id is not found. */
  async #resident(ctx: HttpContext) {
    const id = ctx.request.input('usager')
    return id ? found(await User.find(Number(id) || 0)) : null
  }
}
