import type { HttpContext } from '@adonisjs/core/http'
import type Agent from '#accounts/models/agent'
import User from '#accounts/models/user'
import { SubmissionRefusedError } from '#demands/actions/submit_demand'
import FileAtCounter from '#demands/actions/file_at_counter'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { counterProcedures } from '#demands/services/filing_catalogue'
import {
  counterProcedureChoices,
  counterSteps,
  counterStoreUrl,
} from '#demands/services/counter_form'
import { refusalText } from '#demands/services/refusals'
import { sentFiles } from '#demands/services/uploads'
import { validateCounterApplicant } from '#demands/validators/filing'
import { originValidator } from '#demands/validators/agents'
import { fieldError } from '#core/services/form_errors'
import { assertFound, found } from '#core/http/not_found'
import { routeUrl } from '#core/http/route_url'
import CounterPolicy from '#demands/policies/counter_policy'
import SearchResidents, { MIN_RESIDENT_QUERY } from '#demands/actions/search_residents'
import { recordAudit } from '#accounts/actions/record_audit'

type CounterFiling = Omit<Parameters<FileAtCounter['handle']>[0], 'input' | 'uploads' | 'i18n'>

/**
 * Counter mode: an agent of the front desk (accueil) or of the processing
 * service files a demand for a resident found by name, e-mail or phone, or
 * for a person without an account, and records how it came (counter,
 * phone, mail). All the steps are on one page.
 */
export default class CounterController {
  async start(ctx: HttpContext) {
    const { view, auth, request, i18n, bouncer } = ctx
    assertFound(await bouncer.with(CounterPolicy).allows('fileAtCounter'))
    const agent = auth.use('agent').getUserOrFail()
    const procedures = await counterProcedureChoices(agent, i18n)
    const q = String(request.input('q', '')).trim().slice(0, 100)
    const page = { procedures, q, residents: [] as User[], searched: false }
    if (!q) return view.render('demands::counter_start', page)
    assertFound(await bouncer.with(CounterPolicy).allows('searchResidents'))
    const search = await new SearchResidents().handle(agent, q)
    if (search.status === 'too_short') return this.#searchTooShort(ctx, page)
    return view.render('demands::counter_start', {
      ...page,
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
    const old = ctx.session.flashMessages.all() as Record<string, unknown>
    const steps = await counterSteps(procedure, resident, i18n, old)
    const action = counterStoreUrl(procedure, resident)
    return view.render('demands::counter_form', { procedure, resident, steps, action })
  }

  async store(ctx: HttpContext) {
    const { auth, request, params, response, i18n, session } = ctx
    const agent = auth.use('agent').getUserOrFail()
    const procedure = await this.#procedure(agent, params.key)
    const resident = await this.#resident(ctx)
    const { origin } = await request.validateUsing(originValidator)
    const applicant = await validateCounterApplicant(request, resident)
    const submitted = await this.#file(ctx, { procedure, agent, origin, resident, applicant })
    const filed = i18n.t('demands.counter.filed', { reference: submitted.reference })
    session.flash('success_text', filed)
    const demandUrl = routeUrl('agent_demands.show', { id: submitted.id })
    return response.redirect().status(303).toPath(demandUrl)
  }

  /** The resident search refused (too few characters): the page again, with the reason. */
  async #searchTooShort(ctx: HttpContext, page: Record<string, unknown>) {
    const error = ctx.i18n.t('demands.counter.search_too_short', { min: MIN_RESIDENT_QUERY })
    const html = await ctx.view.render('demands::counter_start', { ...page, error })
    return ctx.response.status(422).send(html)
  }

  /** Files the whole form; a refused submission is an error at the top of the form. */
  async #file(ctx: HttpContext, filing: CounterFiling) {
    try {
      return await new FileAtCounter().handle({
        ...filing,
        input: ctx.request.except(['_csrf', 'origin', 'applicant']),
        uploads: (name) => sentFiles(ctx.request.files(name)),
        i18n: ctx.i18n,
      })
    } catch (error) {
      if (error instanceof SubmissionRefusedError)
        throw fieldError('_form', refusalText(ctx.i18n, error.reasons))
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
