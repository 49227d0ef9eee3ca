import type { HttpContext } from '@adonisjs/core/http'
import { agentCan } from '#accounts/abilities'
import { auditRegisterRead } from '../services/register_audit.js'
import { registerList } from '../queries/register_list.js'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import { queryId } from '#core/http/query_filters'
import RegisterEntry from '../models/register_entry.js'
import Sector from '../models/sector.js'
import RegisterPerson, { RegisterRefusedError } from '../actions/register_person.js'
import RemoveRegistration from '../actions/remove_registration.js'
import CheckRegistration from '../actions/check_registration.js'
import AddSector, { SectorKnownError } from '../actions/add_sector.js'
import {
  agentRegisterValidator,
  checkValidator,
  RegisterMessages,
  sectorValidator,
} from '../validators/register.js'

/** Who keeps the sectors of the call lists (admins of the service hold it). */
export const MANAGE_SECTORS = 'social.register.sectors'

/**
 * /agents/solidarites/registre: the register of vulnerable people for the
 * social service: the people registered (filtered by sector, or those to
 * check), a registration at the counter or by phone, a person's record
 * (audited), its check and its removal, and the sectors.
 */
export default class RegisterAgentsController {
  async index(ctx: HttpContext) {
    const filters = {
      sectorId: queryId(ctx.request.qs().secteur),
      toCheck: ctx.request.qs().a_verifier === '1',
    }
    const entries = await registerList(filters)
    await auditRegisterRead(ctx, 'registre des personnes vulnérables', entries.length)
    return ctx.view.render('social::register/agents_index', {
      entries,
      ...filters,
      sectors: await Sector.query().orderBy('name'),
    })
  }

  async create({ view }: HttpContext) {
    return view.render('social::register/agents_form', {
      sectors: await Sector.query().orderBy('name'),
    })
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(agentRegisterValidator, {
      messagesProvider: new RegisterMessages(ctx.i18n),
    })
    const agent = ctx.auth.use('agent').getUserOrFail()
    const entry = await new RegisterPerson().handle({ agentId: agent.id }, input).catch((error) => {
      if (error instanceof RegisterRefusedError)
        throw fieldError(error.field, ctx.i18n.t(error.key))
      throw error
    })
    ctx.session.flash('success', 'social.register.registered_by_agent')
    return ctx.response.redirect().status(303).toPath(`/agents/solidarites/registre/${entry.id}`)
  }

  async show(ctx: HttpContext) {
    const entry = await RegisterEntry.find(Number(ctx.params.id) || 0)
    if (!entry) return notFoundPage(ctx)
    await entry.load('sector')
    await auditRegisterRead(ctx, `registre des personnes vulnérables : fiche ${entry.id}`, 1)
    return ctx.view.render('social::register/agents_show', {
      entry,
      sectors: await Sector.query().orderBy('name'),
    })
  }

  async check(ctx: HttpContext) {
    const entry = await RegisterEntry.find(Number(ctx.params.id) || 0)
    if (!entry) return notFoundPage(ctx)
    const { sector } = await ctx.request.validateUsing(checkValidator, {
      messagesProvider: new RegisterMessages(ctx.i18n),
    })
    await new CheckRegistration().handle(entry, sector)
    ctx.session.flash('success', 'social.register.checked')
    return ctx.response.redirect().status(303).toPath(`/agents/solidarites/registre/${entry.id}`)
  }

  async destroy(ctx: HttpContext) {
    if (!(await new RemoveRegistration().handle(Number(ctx.params.id) || 0)))
      return notFoundPage(ctx)
    ctx.session.flash('success', 'social.register.removed')
    return ctx.response.redirect().status(303).toPath('/agents/solidarites/registre')
  }

  async sectors(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE_SECTORS, 'solidarites')) return notFoundPage(ctx)
    return ctx.view.render('social::register/sectors', {
      sectors: await Sector.query().orderBy('name'),
    })
  }

  async addSector(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE_SECTORS, 'solidarites')) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(sectorValidator, {
      messagesProvider: new RegisterMessages(ctx.i18n),
    })
    await new AddSector().handle(input).catch((error) => {
      if (error instanceof SectorKnownError)
        throw fieldError('name', ctx.i18n.t('social.register.sectors.known'))
      throw error
    })
    ctx.session.flash('success', 'social.register.sectors.added')
    return ctx.response.redirect().status(303).toPath('/agents/solidarites/registre/secteurs')
  }
}
