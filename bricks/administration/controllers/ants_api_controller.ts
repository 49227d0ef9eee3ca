import type { HttpContext } from '@adonisjs/core/http'
import { timingSafeEqual, createHash } from 'node:crypto'
import env from '#start/env'
import { SERVICE } from './booking_controller.js'
import { antsAvailableSlots } from '../queries/ants_slots.js'
import { antsAppointmentsOf, antsMeetingPoints } from '../queries/ants_hub.js'
import { parseApplicationIds, parseSlotSearch } from '../validators/ants_api.js'

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
    return ctx.response.json(await antsMeetingPoints(SERVICE))
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
    const ids = parseApplicationIds(repeated(ctx, 'application_ids'))
    return ctx.response.json(await antsAppointmentsOf(ids))
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
