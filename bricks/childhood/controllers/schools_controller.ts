import type { HttpContext } from '@adonisjs/core/http'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import { agentCan } from '#accounts/abilities'
import School from '../models/school.js'
import SaveSchool from '../actions/save_school.js'
import { schoolsPage } from '../queries/schools.js'
import { schoolValidator, typedClasses } from '../validators/schools.js'

/** A class name too long, cut to what the message can show. */
function shortened({ tooLong }: { tooLong: string }) {
  return { tooLong: tooLong.length > 60 ? `${tooLong.slice(0, 60)}…` : tooLong }
}

/** Add and edit schools, their addresses and classes. */
export const MANAGE_SCHOOLS = 'childhood.schools.manage'

/**
 * /agents/enfance/ecoles: the schools of the city, their addresses and
 * classes, kept by the service's admins (and agents granted
 * childhood.schools.manage); others get 404.
 */
export default class SchoolsController {
  async index(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE_SCHOOLS, 'enfance')) return notFoundPage(ctx)
    const after = Number(ctx.request.input('apres')) || null
    const { schools, next } = await schoolsPage(after)
    const nextUrl = next ? `/agents/enfance/ecoles?apres=${next}` : null
    return ctx.view.render('childhood::service/schools', { schools, nextUrl })
  }

  async create(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE_SCHOOLS, 'enfance')) return notFoundPage(ctx)
    return ctx.view.render('childhood::service/school_form', { school: null })
  }

  async edit(ctx: HttpContext) {
    const school = await this.#school(ctx)
    if (!school) return notFoundPage(ctx)
    return ctx.view.render('childhood::service/school_form', { school })
  }

  async store(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE_SCHOOLS, 'enfance')) return notFoundPage(ctx)
    return this.#save(ctx, null)
  }

  async update(ctx: HttpContext) {
    const school = await this.#school(ctx)
    if (!school) return notFoundPage(ctx)
    return this.#save(ctx, school)
  }

  async #save(ctx: HttpContext, school: School | null) {
    const input = await ctx.request.validateUsing(schoolValidator)
    const typed = typedClasses(input.classes)
    if ('tooLong' in typed)
      throw fieldError('classes', ctx.i18n.t('childhood.schools.class_too_long', shortened(typed)))
    await new SaveSchool().handle(school, input, typed.classes)
    ctx.session.flash('success', 'childhood.service.saved')
    return ctx.response.redirect().status(303).toPath('/agents/enfance/ecoles')
  }

  /** The school of the URL, for an agent allowed to manage schools. */
  async #school(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE_SCHOOLS, 'enfance')) return null
    return School.find(Number(ctx.params.id) || 0)
  }
}
