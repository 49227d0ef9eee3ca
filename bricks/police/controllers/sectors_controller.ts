import type { HttpContext } from '@adonisjs/core/http'
import { agentCan } from '#accounts/abilities'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import {
  addStreets,
  defineSector,
  SectorNameTaken,
  StreetInOtherSector,
  UnknownSector,
} from '../actions/define_sector.js'
import { sectorsPage } from '../services/patrol_overview.js'
import { sectorValidator, streetsValidator } from '../validators/otv.js'

const MANAGE = 'police.otv.manage'
const SERVICE = 'tranquillite_publique'
const BASE = '/agents/police-municipale/tranquillite-vacances/secteurs'

/** /agents/police-municipale/tranquillite-vacances/secteurs: the city's streets and the patrol sectors cut from them. */
export default class SectorsController {
  async index(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE, SERVICE)) return notFoundPage(ctx)
    const page = await sectorsPage(Number(ctx.request.input('secteur')) || 0)
    return ctx.view.render('police::otv/sectors', page)
  }

  async store(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE, SERVICE)) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(sectorValidator)
    const id = Number(ctx.request.input('id')) || undefined
    try {
      await defineSector({ id, name: input.name, streets: input.streets })
    } catch (error) {
      if (error instanceof UnknownSector) return notFoundPage(ctx)
      throw this.#refusal(ctx, error)
    }
    ctx.session.flash('success_text', ctx.i18n.t('police.otv.sectors.saved'))
    return ctx.response.redirect().status(303).toPath(BASE)
  }

  async addStreets(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE, SERVICE)) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(streetsValidator)
    await addStreets(input.streets)
    ctx.session.flash('success_text', ctx.i18n.t('police.otv.sectors.streets_added'))
    return ctx.response.redirect().status(303).toPath(BASE)
  }

  #refusal(ctx: HttpContext, error: unknown) {
    if (error instanceof SectorNameTaken)
      return fieldError('name', ctx.i18n.t('police.otv.sectors.name_taken'))
    if (error instanceof StreetInOtherSector)
      return fieldError(
        'streets',
        ctx.i18n.t('police.otv.sectors.street_taken', { streets: error.streets.join(', ') })
      )
    return error
  }
}
