import type { HttpContext } from '@adonisjs/core/http'
import { householdMemberValidator } from '#accounts/validators/resident'
import SaveHouseholdMember from '#accounts/actions/save_household_member'
import RemoveHouseholdMember from '#accounts/actions/remove_household_member'
import { findOwnHouseholdMember } from '#accounts/policies/resident_household_policy'
import HouseholdMember from '#accounts/models/household_member'

/** /mon-espace/foyer: the other adults and the children of the resident's household. */
export default class HouseholdController {
  async index({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const members = await HouseholdMember.query()
      .where('userId', user.id)
      .orderBy('kind')
      .orderBy('birthDate')
    return view.render('accounts::household', { members })
  }

  async create({ view }: HttpContext) {
    return view.render('accounts::household_member_form', { member: null })
  }

  async store({ request, response, auth, session }: HttpContext) {
    const input = await request.validateUsing(householdMemberValidator)
    await new SaveHouseholdMember().handle(auth.use('web').getUserOrFail(), input)
    session.flash('success', 'accounts.household.added')
    return response.redirect().status(303).toRoute('accounts.household.index')
  }

  async edit({ view, auth, params, response }: HttpContext) {
    const member = await findOwnHouseholdMember(auth.use('web').getUserOrFail(), params.id)
    if (!member) return response.notFound(await view.render('pages/errors/not_found'))
    return view.render('accounts::household_member_form', { member })
  }

  async update({ request, response, auth, session, params, view }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const member = await findOwnHouseholdMember(user, params.id)
    if (!member) return response.notFound(await view.render('pages/errors/not_found'))
    const input = await request.validateUsing(householdMemberValidator)
    await new SaveHouseholdMember().handle(user, input, member)
    session.flash('success', 'accounts.household.updated')
    return response.redirect().status(303).toRoute('accounts.household.index')
  }

  async confirmDestroy({ view, auth, params, response }: HttpContext) {
    const member = await findOwnHouseholdMember(auth.use('web').getUserOrFail(), params.id)
    if (!member) return response.notFound(await view.render('pages/errors/not_found'))
    return view.render('accounts::household_member_delete', { member })
  }

  async destroy({ auth, params, response, session, view }: HttpContext) {
    const member = await findOwnHouseholdMember(auth.use('web').getUserOrFail(), params.id)
    if (!member) return response.notFound(await view.render('pages/errors/not_found'))
    await new RemoveHouseholdMember().handle(member)
    session.flash('success', 'accounts.household.deleted')
    return response.redirect().status(303).toRoute('accounts.household.index')
  }
}
