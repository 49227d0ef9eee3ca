import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { agentCan } from '#accounts/abilities'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import { addStreets, defineSector, StreetInOtherSector } from '../actions/define_sector.js'
import { sectorValidator, streetsValidator } from '../validators/otv.js'

const MANAGE = 'police.otv.manage'
const SERVICE = 'tranquillite_publique'
const BASE = '/agents/police-municipale/tranquillite-vacances/secteurs'

/** /agents/police-municipale/tranquillite-vacances/secteurs: the city's streets and the patrol sectors cut from them. */
export default class SectorsController {
  async index(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE, SERVICE)) return notFoundPage(ctx)
    const sectors = await db.from('police_sectors').select('id', 'name').orderBy('name')
    const streets = await db
      .from('police_streets')
      .select('id', 'name', 'sector_id')
      .orderBy('name')
    const editing = Number(ctx.request.input('secteur')) || 0
    return ctx.view.render('police::otv/sectors', {
      sectors: sectors.map((sector) => ({
        ...sector,
        streets: streets.filter((street) => street.sector_id === sector.id),
      })),
      unassigned: streets.filter((street) => !street.sector_id),
      editing: sectors.find((sector) => sector.id === editing) ?? null,
      editingStreets: streets
        .filter((street) => street.sector_id === editing)
        .map((street) => street.name)
        .join('\n'),
    })
  }

  async store(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE, SERVICE)) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(sectorValidator)
    const id = Number(ctx.request.input('id')) || undefined
    if (id && !(await db.from('police_sectors').where('id', id).first())) return notFoundPage(ctx)
    const exists = await db
      .from('police_sectors')
      .where('name', input.name)
      .if(id, (query) => query.whereNot('id', id!))
      .first()
    if (exists) throw fieldError('name', ctx.i18n.t('police.otv.sectors.name_taken'))
    try {
      await defineSector({ id, name: input.name, streets: input.streets })
    } catch (error) {
      if (!(error instanceof StreetInOtherSector)) throw error
      throw fieldError(
        'streets',
        ctx.i18n.t('police.otv.sectors.street_taken', { streets: error.streets.join(', ') })
      )
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
}
