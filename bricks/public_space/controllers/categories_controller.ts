import type { HttpContext } from '@adonisjs/core/http'
import Service from '#accounts/models/service'
import { agentCan } from '#accounts/abilities'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import Category from '../models/category.js'
import { categoryTree } from '../queries/categories.js'
import { categoryValidator } from '../validators/reports.js'
import SaveCategory, { CategoryProblem } from '../actions/save_category.js'

/** Edit the category tree: what it takes, a permission of the technical services. */
export const MANAGE_CATEGORIES = 'public_space.categories.manage'

/**
 * /agents/signalements/categories: the tree residents choose from, each
 * category routed to a service and optionally a team. Agents without the
 * permission get 404.
 */
export default class CategoriesController {
  async index(ctx: HttpContext) {
    if (!(await ctx.bouncer.allows(agentCan, MANAGE_CATEGORIES))) return notFoundPage(ctx)
    const editing = ctx.params.id ? await Category.find(ctx.params.id) : null
    if (ctx.params.id && !editing) return notFoundPage(ctx)
    const groups = await categoryTree({ activeOnly: false })
    const all = await Category.query().orderBy('position').orderBy('id')
    const services = await Service.query().where('active', true).orderBy('name')
    return ctx.view.render('public_space::agents/categories', { groups, all, services, editing })
  }

  async save(ctx: HttpContext) {
    if (!(await ctx.bouncer.allows(agentCan, MANAGE_CATEGORIES))) return notFoundPage(ctx)
    const existing = ctx.params.id ? await Category.find(ctx.params.id) : null
    if (ctx.params.id && !existing) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(categoryValidator)
    const services = (await Service.query().where('active', true)).map((service) => service.slug)
    await new SaveCategory().handle(input, existing, services).catch((error) => {
      if (!(error instanceof CategoryProblem)) throw error
      throw fieldError(error.field, ctx.i18n.t(error.key))
    })
    ctx.session.flash('success', 'public_space.categories.saved')
    return ctx.response.redirect().status(303).toPath('/agents/signalements/categories')
  }
}
