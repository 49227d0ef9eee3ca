import type { HttpContext } from '@adonisjs/core/http'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import OpeningRange from '#appointments/models/opening_range'
import Closure from '#appointments/models/closure'
import { meetingTypesForAdmin } from '#appointments/queries/meeting_types'
import Service from '#accounts/models/service'
import {
  closureValidator,
  meetingPointValidator,
  meetingTypeValidator,
  newMeetingTypeValidator,
  openingRangeValidator,
  checkDeskOf,
} from '#appointments/validators/agendas'
import { fieldError } from '#core/services/form_errors'
import { found } from '#core/http/not_found'
import { routeUrl } from '#core/http/route_url'
import SaveMeetingType, {
  PointOfAnotherServiceError,
  type MeetingTypeInput,
} from '#appointments/actions/save_meeting_type'

/** The type's form: the services, and every meeting point (the admin ticks those of the type's service). */
async function typeFormData(type: MeetingType | null) {
  if (type) await type.load('points')
  return {
    type,
    services: await Service.query().orderBy('name'),
    points: await MeetingPoint.query().orderBy('serviceSlug').orderBy('name'),
  }
}

/** Saves the type; a ticked point of another service is refused next to the points. */
async function saveType(ctx: HttpContext, input: MeetingTypeInput, type: MeetingType | null) {
  try {
    return await new SaveMeetingType().handle(input, type)
  } catch (error) {
    if (error instanceof PointOfAnotherServiceError)
      throw fieldError('pointIds', ctx.i18n.t('appointments.admin.point_of_another_service'))
    throw error
  }
}

/** The meeting point's form, where the admin sees what they just saved. */
function pointUrl(id: number) {
  return routeUrl('back_office.admin.agendas.points.edit', { id })
}

/**
 * /agents/admin/agendas: meeting points (address, desks, weekly opening
 * ranges), meeting types (durations and booking rules) and closures. Slots
 * are computed from these, so a change shows at once; appointments already
 * booked are kept.
 */
export default class AgendasAdminController {
  async index({ view }: HttpContext) {
    const points = await MeetingPoint.query().orderBy('serviceSlug').orderBy('name')
    const types = await meetingTypesForAdmin()
    const closures = await Closure.query().orderBy('startsOn', 'desc').limit(100)
    return view.render('appointments::admin/index', {
      points,
      types,
      closures,
      pointNames: new Map(points.map((point) => [point.id, point.name])),
    })
  }

  async createPoint({ view }: HttpContext) {
    return view.render('appointments::admin/point_form', {
      point: null,
      ranges: [],
      services: await Service.query().orderBy('name'),
    })
  }

  async storePoint({ request, response, session }: HttpContext) {
    const input = await request.validateUsing(meetingPointValidator)
    await this.#checkService(input.serviceSlug)
    const point = await MeetingPoint.create({
      ...input,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      accessNotes: input.accessNotes ?? null,
      active: Boolean(input.active),
    })
    session.flash('success', 'appointments.admin.saved')
    return response.redirect().status(303).toPath(pointUrl(point.id))
  }

  async editPoint(ctx: HttpContext) {
    const point = found(await MeetingPoint.find(Number(ctx.params.id) || 0))
    const ranges = await OpeningRange.query()
      .where('meetingPointId', point.id)
      .orderBy('weekday')
      .orderBy('startsAt')
    return ctx.view.render('appointments::admin/point_form', {
      point,
      ranges,
      services: await Service.query().orderBy('name'),
    })
  }

  async updatePoint(ctx: HttpContext) {
    const point = found(await MeetingPoint.find(Number(ctx.params.id) || 0))
    const input = await ctx.request.validateUsing(meetingPointValidator)
    await this.#checkService(input.serviceSlug)
    point.merge({
      ...input,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      accessNotes: input.accessNotes ?? null,
      active: Boolean(input.active),
    })
    await point.save()
    ctx.session.flash('success', 'appointments.admin.saved')
    return ctx.response.redirect().status(303).toPath(pointUrl(point.id))
  }

  async addRange(ctx: HttpContext) {
    const point = found(await MeetingPoint.find(Number(ctx.params.id) || 0))
    const input = await ctx.request.validateUsing(openingRangeValidator)
    checkDeskOf(point, input.desk, ctx.i18n)
    await OpeningRange.create({
      meetingPointId: point.id,
      weekday: input.weekday,
      desk: input.desk ?? null,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
    })
    ctx.session.flash('success', 'appointments.admin.saved')
    return ctx.response.redirect().status(303).toPath(pointUrl(point.id))
  }

  async removeRange(ctx: HttpContext) {
    await OpeningRange.query()
      .where('id', Number(ctx.params.rangeId) || 0)
      .where('meetingPointId', Number(ctx.params.id) || 0)
      .delete()
    ctx.session.flash('success', 'appointments.admin.saved')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(pointUrl(Number(ctx.params.id) || 0))
  }

  async createType({ view }: HttpContext) {
    return view.render('appointments::admin/type_form', await typeFormData(null))
  }

  async storeType(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(newMeetingTypeValidator)
    await saveType(ctx, input, null)
    ctx.session.flash('success', 'appointments.admin.saved')
    return ctx.response.redirect().status(303).toPath(routeUrl('back_office.admin.agendas.index'))
  }

  async editType(ctx: HttpContext) {
    const type = found(await MeetingType.find(Number(ctx.params.id) || 0))
    return ctx.view.render('appointments::admin/type_form', await typeFormData(type))
  }

  async updateType(ctx: HttpContext) {
    const type = found(await MeetingType.find(Number(ctx.params.id) || 0))
    const input = await ctx.request.validateUsing(meetingTypeValidator)
    await saveType(ctx, input, type)
    ctx.session.flash('success', 'appointments.admin.saved')
    return ctx.response.redirect().status(303).toPath(routeUrl('back_office.admin.agendas.index'))
  }

  async addClosure(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(closureValidator)
    if (input.meetingPointId && !(await MeetingPoint.find(input.meetingPointId)))
      throw fieldError('meetingPointId', ctx.i18n.t('appointments.admin.unknown_point'))
    await Closure.create({
      meetingPointId: input.meetingPointId ?? null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      startsAt: input.startsAt ?? null,
      endsAt: input.endsAt ?? null,
      reason: input.reason,
    })
    ctx.session.flash('success', 'appointments.admin.saved')
    return ctx.response.redirect().status(303).toPath(routeUrl('back_office.admin.agendas.index'))
  }

  async removeClosure(ctx: HttpContext) {
    await Closure.query()
      .where('id', Number(ctx.params.id) || 0)
      .delete()
    ctx.session.flash('success', 'appointments.admin.saved')
    return ctx.response.redirect().status(303).toPath(routeUrl('back_office.admin.agendas.index'))
  }

  async #checkService(slug: string) {
    if (!(await Service.findBy('slug', slug))) throw fieldError('serviceSlug', 'Service inconnu')
  }
}
