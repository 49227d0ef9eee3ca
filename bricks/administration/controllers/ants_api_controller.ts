import type { HttpContext } from '@adonisjs/core/http'
import { timingSafeEqual, createHash } from 'node:crypto'
import { DateTime } from 'luxon'
import env from '#start/env'
import parvisConfig from '#config/parvis'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import Appointment from '#appointments/models/appointment'
import { availableSlots, ZONE } from '#appointments/services/slots'
import { cancelLink, manageLink } from '#appointments/services/manage_links'
import { dbTimestamp } from '#core/database/dialect'
import { TITLE_TYPE } from '../appointments.js'
import { SERVICE } from './booking_controller.js'
import { clock } from '#core/clock'

const REASONS = ['CNI', 'PASSPORT', 'CNI-PASSPORT']
const DAY = /^\d{4}-\d{2}-\d{2}$/
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

/** ANTS's convention: Paris wall-clock time followed by a literal Z (see ../shared/specs/ants.md, 1.2). */
function antsDateTime(value: DateTime) {
  return `${value.setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm")}Z`
}

/**
 * The three endpoints the ANTS hub calls (/api/ants/…), protected by the
 * X-HUB-RDV-AUTH-TOKEN header compared in constant time with ANTS_HUB_TOKEN.
 */
export default class AntsApiController {
  async meetingPoints(ctx: HttpContext) {
    if (!this.#authorized(ctx)) return this.#unauthorized(ctx)
    const points = await MeetingPoint.query().where('serviceSlug', SERVICE).where('active', true).orderBy('id')
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
    const ids = repeated(ctx, 'meeting_point_ids')
    const start = String(ctx.request.input('start_date', ''))
    const end = String(ctx.request.input('end_date', ''))
    const reason = String(ctx.request.input('reason', 'CNI'))
    const persons = Number(ctx.request.input('documents_number', 1))
    if (!REASONS.includes(reason)) return this.#badRequest(ctx, 'Invalid reason param')
    if (!DAY.test(start) || !DAY.test(end) || !DateTime.fromISO(start).isValid || !DateTime.fromISO(end).isValid) return this.#badRequest(ctx, 'Invalid start_date or end_date')
    if (start > end) return this.#badRequest(ctx, 'start_date is after end_date')
    if (!Number.isInteger(persons) || persons < 1 || persons > 10) return this.#badRequest(ctx, 'Invalid documents_number param')

    const type = await MeetingType.query().where('key', TITLE_TYPE).where('active', true).first()
    const points = ids.length ? await MeetingPoint.query().whereIn('id', ids.map(Number).filter(Number.isSafeInteger)).where('serviceSlug', SERVICE).where('active', true) : []
    const answer: Record<string, { datetime: string; callback_url: string }[]> = {}
    for (const point of points) {
      const slots = type && persons <= type.maxPersons ? await availableSlots(point, type, persons, start, end) : []
      answer[String(point.id)] = slots.map((slot) => {
        const local = slot.start.setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm")
        return {
          datetime: antsDateTime(slot.start),
          callback_url: `${parvisConfig.appUrl}/formalites/rendez-vous-titre?lieu=${point.id}&debut=${encodeURIComponent(local)}&motif=${encodeURIComponent(reason)}&personnes=${persons}`,
        }
      })
    }
    return ctx.response.json(answer)
  }

  async searchApplicationIds(ctx: HttpContext) {
    if (!this.#authorized(ctx)) return this.#unauthorized(ctx)
    const ids = [...new Set(repeated(ctx, 'application_ids').flatMap((value) => value.split(SEPARATORS)).map((value) => value.trim().toUpperCase()).filter((value) => /^[A-Z0-9]{10}$/.test(value)))]
    const answer: Record<string, { meeting_point: string; datetime: string; management_url: string; cancel_url: string }[]> = {}
    if (ids.length === 0) return ctx.response.json(answer)
    const type = await MeetingType.findBy('key', TITLE_TYPE)
    const booked = type ? await Appointment.query().where('meetingTypeId', type.id).where('status', 'booked').where('startsAt', '>=', dbTimestamp(clock.now().minus({ days: 1 }).toUTC())).preload('meetingPoint') : []
    for (const id of ids) {
      answer[id] = booked
        .filter((appointment) => ((appointment.details.applicationIds as string[] | undefined) ?? []).includes(id))
        .map((appointment) => {
          return { meeting_point: appointment.meetingPoint.name, datetime: antsDateTime(appointment.startsAt), management_url: manageLink(appointment), cancel_url: cancelLink(appointment) }
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
    return ctx.response.status(401).json({ error: 'X-HUB-RDV-AUTH-TOKEN header is missing or invalid' })
  }

  #badRequest(ctx: HttpContext, message: string) {
    return ctx.response.status(400).json({ error: { code: 400, message } })
  }
}
