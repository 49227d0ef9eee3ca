import type { HttpContext } from '@adonisjs/core/http'
import { timingSafeEqual, createHash } from 'node:crypto'
import env from '#start/env'
import parvisConfig from '#config/parvis'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import Appointment from '#appointments/models/appointment'
import { cancelLink, manageLink } from '#appointments/services/manage_links'
import { dbTimestamp } from '#core/database/dialect'
import { TITLE_TYPE } from '../appointments.js'
import { SERVICE } from './booking_controller.js'
import { clock } from '#core/clock'
import { antsAvailableSlots, antsDateTime } from '../queries/ants_slots.js'
import { parseSlotSearch } from '../validators/ants_api.js'

/** The hub may pack several ids in one value, separated by , ; : - / . or spaces. */
const SEPARATORS = /[\s,;:\-/.]+/

function digest(value: string) {
  return createHash('sha256').update(value).digest()
}

/** Repeated keys without brackets (`a=1&a=2`) as ANTS sends them, read from the raw query string. */
function repeated(ctx: HttpContext, name: string) {
  const params = new URLSearchParams(ctx.request.parsedUrl.query ?? '')
  return params.getAll(name).concat(params.getAll(`${name}[]`))
}

/**
 * The three endpoints the ANTS hub calls (/api/ants/…), protected by the
 * X-HUB-RDV-AUTH-TOKEN header compared in constant time with ANTS_HUB_TOKEN.
 */
export default class AntsApiController {
  async meetingPoints(ctx: HttpContext) {
    if (!this.#authorized(ctx)) return this.#unauthorized(ctx)
    const points = await MeetingPoint.query()
      .where('serviceSlug', SERVICE)
      .where('active', true)
      .orderBy('id')
    return ctx.response.json(
      points.map((point) => ({
        id: String(point.id),
        name: point.name,
        longitude: point.longitude ?? 0,
        latitude: point.latitude ?? 0,
        public_entry_address: point.addressLine,
        zip_code: point.postalCode,
        city_name: point.city,
        website: parvisConfig.appUrl,
      }))
    )
  }

  async availableTimeSlots(ctx: HttpContext) {
    if (!this.#authorized(ctx)) return this.#unauthorized(ctx)
    const search = parseSlotSearch((name, fallback) => ctx.request.input(name, fallback))
    if ('error' in search) return this.#badRequest(ctx, search.error)
    return ctx.response.json(
      await antsAvailableSlots(repeated(ctx, 'meeting_point_ids'), search, SERVICE)
    )
  }

  async searchApplicationIds(ctx: HttpContext) {
    if (!this.#authorized(ctx)) return this.#unauthorized(ctx)
    const ids = [
      ...new Set(
        repeated(ctx, 'application_ids')
          .flatMap((value) => value.split(SEPARATORS))
          .map((value) => value.trim().toUpperCase())
          .filter((value) => /^[A-Z0-9]{10}$/.test(value))
      ),
    ]
    const answer: Record<
      string,
      { meeting_point: string; datetime: string; management_url: string; cancel_url: string }[]
    > = {}
    if (ids.length === 0) return ctx.response.json(answer)
    const type = await MeetingType.findBy('key', TITLE_TYPE)
    const booked = type
      ? await Appointment.query()
          .where('meetingTypeId', type.id)
          .where('status', 'booked')
          .where('startsAt', '>=', dbTimestamp(clock.now().minus({ days: 1 }).toUTC()))
          .preload('meetingPoint')
      : []
    for (const id of ids) {
      answer[id] = booked
        .filter((appointment) =>
          ((appointment.details.applicationIds as string[] | undefined) ?? []).includes(id)
        )
        .map((appointment) => {
          return {
            meeting_point: appointment.meetingPoint.name,
            datetime: antsDateTime(appointment.startsAt),
            management_url: manageLink(appointment),
            cancel_url: cancelLink(appointment),
          }
        })
    }
    return ctx.response.json(answer)
  }

  #authorized(ctx: HttpContext) {
    const expected = env.get('ANTS_HUB_TOKEN')
    const given = ctx.request.header('x-hub-rdv-auth-token')
    if (!expected || !given) return false
    return timingSafeEqual(digest(expected), digest(given))
  }

  #unauthorized(ctx: HttpContext) {
    return ctx.response
      .status(401)
      .json({ error: 'X-HUB-RDV-AUTH-TOKEN header is missing or invalid' })
  }

  #badRequest(ctx: HttpContext, message: string) {
    return ctx.response.status(400).json({ error: { code: 400, message } })
  }
}
