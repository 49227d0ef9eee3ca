import type { HttpContext } from '@adonisjs/core/http'
import User from '#accounts/models/user'
import { clock } from '#core/clock'
import { notFoundPage } from '#core/services/not_found'
import RegisterPostalResident from '#mediation/actions/register_postal_resident'
import { postalResidentValidator } from '#mediation/validators/mandate'
import { activeMandatesOf } from '#mediation/policies/mandate_policy'
import { auditMediation } from '#mediation/services/acting'

/**
 * /agents/mediation/usagers: a mediator registers a resident without an
 * e-mail address (postal-only), then prints the letter that tells them
 * their account exists, with its number for the paper mandate.
 */
export default class PostalResidentsController {
  async create({ view }: HttpContext) {
    return view.render('mediation::agents/postal_form')
  }

  async store({ request, response, auth, session }: HttpContext) {
    const agent = auth.use('agent').getUserOrFail()
    const input = await request.validateUsing(postalResidentValidator)
    const user = await new RegisterPostalResident().handle(agent, input)
    session.flash('success', 'mediation.postal.registered')
    return response.redirect().status(303).toPath(`/agents/mediation/usagers/${user.id}/courrier`)
  }

  async letter(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const id = Number(ctx.params.id)
    const user = Number.isSafeInteger(id) ? await User.find(id) : null
    // The mediator who registered them, or one they gave a mandate that holds now.
    const allowed =
      user?.postalOnly &&
      (user.registeredByAgentId === agent.id ||
        (await activeMandatesOf(agent).where('userId', user.id).first()))
    if (!user || !allowed) return notFoundPage(ctx)
    await auditMediation(agent, 'mediation.letter_printed', null, `user ${user.id}`)
    return ctx.view.render('mediation::agents/letter', { resident: user, today: clock.local() })
  }
}
