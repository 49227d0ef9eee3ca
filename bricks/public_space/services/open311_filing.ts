import { DateTime } from 'luxon'
import i18nManager from '@adonisjs/i18n/services/main'
import vine from '@vinejs/vine'
import { readSettings } from '#core/services/settings'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type ApiClient from '#api/models/api_client'
import { publicSpaceSettings } from '../settings.js'
import type { NewReport } from '../actions/file_report.js'
import type CategoryAttribute from '../models/category_attribute.js'
import { attributesOf, jurisdiction, serviceByCode } from './open311_catalog.js'
import { formatPoint, insidePolygon, parsePolygon } from './geo.js'
import { locateAddress } from './locate.js'
import { preparePhotos } from './photos.js'
import { Open311Error } from './open311_format.js'
import { t } from './open311_messages.js'

const DESCRIPTION_MAX = 4000
const MEDIA_MAX = 3

/** One form field as text: absent, empty and junk types are null ("optional" means empty = absent). */
function text(body: Record<string, unknown>, name: string, max: number) {
  const value = body[name]
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') throw new Open311Error(400, t('not_text', { name }))
  const trimmed = value.trim()
  if (trimmed === '') return null
  if (trimmed.length > max) throw new Open311Error(400, t('too_long_field', { name, max }))
  return trimmed
}

function coordinate(value: string | null, name: string, limit: number) {
  if (value === null) return null
  const number = Number(value)
  if (!/^-?\d{1,3}(\.\d+)?$/.test(value) || !Number.isFinite(number) || Math.abs(number) > limit)
    throw new Open311Error(400, t('bad_coordinate', { name }))
  return number
}

const emailSchema = vine.compile(vine.object({ email: vine.string().maxLength(254).email() }))

/** Where the problem is: `lat`+`long` inside the city, or `address_string` through the address search. */
async function locate(body: Record<string, unknown>) {
  const lat = coordinate(text(body, 'lat', 30), 'lat', 90)
  const lng = coordinate(text(body, 'long', 30), 'long', 180)
  const addressString = text(body, 'address_string', 200)
  const addressId = text(body, 'address_id', 200)
  if (lat !== null && lng !== null) {
    const { boundary } = await readSettings('public_space', publicSpaceSettings)
    const polygon = parsePolygon(boundary)
    const point = { lat, lng }
    if (polygon && !insidePolygon(point, polygon))
      throw new Open311Error(400, t('outside', { point: formatPoint(point) }))
    return { address: addressString ?? formatPoint(point), lat, lng }
  }
  if (lat !== null || lng !== null) throw new Open311Error(400, t('half_point'))
  if (addressString) {
    const located = await locateAddress(addressString)
    if ('problem' in located)
      throw new Open311Error(400, i18nManager.locale('fr').t(located.problem, located.data ?? {}))
    return { address: located.address.label, lat: located.address.lat, lng: located.address.lng }
  }
  // Our address search gives points for typed addresses, not a register to look ids up in.
  if (addressId) throw new Open311Error(400, t('address_id'))
  throw new Open311Error(400, t('no_location'))
}

/** `attribute[CODE]=value` (or `attribute[CODE][]=…` for a multiple choice), checked against the category's questions. */
function answers(body: Record<string, unknown>, questions: CategoryAttribute[]) {
  const sent = body.attribute && typeof body.attribute === 'object' ? body.attribute : {}
  const lines: string[] = []
  for (const question of questions.filter((candidate) => candidate.variable)) {
    const raw = (sent as Record<string, unknown>)[question.code]
    const values = (Array.isArray(raw) ? raw : [raw])
      .filter((value): value is string => typeof value === 'string')
      .flatMap((value) => (question.datatype === 'multivaluelist' ? value.split(',') : [value]))
      .map((value) => value.trim())
      .filter(Boolean)
    if (values.length === 0) {
      if (question.required)
        throw new Open311Error(400, t('attribute_required', { code: question.code }))
      continue
    }
    const max = question.datatype === 'text' ? DESCRIPTION_MAX : 200
    if (values.some((value) => value.length > max) || values.length > 50)
      throw new Open311Error(400, t('attribute_invalid', { code: question.code }))
    const single = values[0]
    let answer: string
    switch (question.datatype) {
      case 'number':
        if (!/^-?\d+([.,]\d+)?$/.test(single))
          throw new Open311Error(400, t('attribute_invalid', { code: question.code }))
        answer = single
        break
      case 'datetime': {
        const date = DateTime.fromISO(single, { zone: 'Europe/Paris' })
        if (!date.isValid)
          throw new Open311Error(400, t('attribute_invalid', { code: question.code }))
        answer = date.setZone('Europe/Paris').toFormat('dd/MM/yyyy HH:mm')
        break
      }
      case 'singlevaluelist':
      case 'multivaluelist': {
        const chosen = question.datatype === 'singlevaluelist' ? [single] : values
        const names = chosen.map(
          (key) => (question.choices ?? []).find((choice) => choice.key === key)?.name
        )
        if (names.some((name) => name === undefined))
          throw new Open311Error(400, t('attribute_invalid', { code: question.code }))
        answer = names.join(', ')
        break
      }
      default:
        answer = single
    }
    lines.push(`${question.description} : ${answer}`)
  }
  return lines
}

/** Links to photos the client holds (kept as links: the city does not fetch what a client points at). */
function mediaUrls(body: Record<string, unknown>) {
  const raw = body.media_url
  const values = (Array.isArray(raw) ? raw : [raw]).filter(
    (value): value is string => typeof value === 'string' && value.trim() !== ''
  )
  if (values.length > MEDIA_MAX)
    throw new Open311Error(400, t('too_many_media', { max: MEDIA_MAX }))
  return values.map((value) => {
    const url = value.trim()
    let parsed: URL | null = null
    try {
      parsed = url.length <= 2000 ? new URL(url) : null
    } catch {}
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol))
      throw new Open311Error(400, t('bad_media_url'))
    return parsed.href
  })
}

/**
 * A GeoReport v2 POST as the report the brick files: the category the
 * `service_code` names (one of the client's services), where it is, the
 * description with the answers to the category's questions and the photos'
 * links, the photos sent as files (`media`, checked and cleaned as the
 * form's are), and the contact sent. 400/403/404 say what is wrong, in the order a
 * client can fix them.
 */
export async function open311Report(
  body: Record<string, unknown>,
  client: ApiClient,
  files: MultipartFile[] = []
): Promise<NewReport> {
  const sentJurisdiction = text(body, 'jurisdiction_id', 200)
  if (sentJurisdiction && sentJurisdiction !== jurisdiction())
    throw new Open311Error(404, t('jurisdiction', { jurisdiction: jurisdiction() }))
  const code = text(body, 'service_code', 100)
  if (!code) throw new Open311Error(400, t('service_code_required'))
  const service = await serviceByCode(code)
  if (!service) throw new Open311Error(404, t('unknown_service', { code }))
  const { category } = service
  if (!client.services.includes(category.serviceSlug))
    throw new Open311Error(403, t('service_not_allowed', { code }))
  const description = text(body, 'description', DESCRIPTION_MAX)
  const email = text(body, 'email', 254)
  if (email) {
    const [error] = await emailSchema.tryValidate({ email })
    if (error) throw new Open311Error(400, t('bad_email'))
  }
  const firstName = text(body, 'first_name', 60)
  const lastName = text(body, 'last_name', 60)
  const phone = text(body, 'phone', 30)
  const extra = answers(body, await attributesOf(category))
  const media = mediaUrls(body)
  const where = await locate(body)
  const prepared = await preparePhotos(files)
  if ('problem' in prepared)
    throw new Open311Error(
      400,
      i18nManager.locale('fr').t(prepared.problem.key, prepared.problem.data)
    )
  const parts = [
    description ?? '',
    extra.join('\n'),
    media.map((url) => `${t('photo_link')} : ${url}`).join('\n'),
  ].filter(Boolean)
  return {
    category,
    ...where,
    description: parts.join('\n\n') || category.name,
    contact: {
      name: [firstName, lastName].filter(Boolean).join(' ') || null,
      email: email?.toLowerCase() ?? null,
      phone,
    },
    userId: null,
    channel: 'open311',
    trusted: true,
    photos: prepared.photos,
  }
}
