import type { I18n } from '@adonisjs/i18n'
import { readSettings } from '#core/services/settings'
import { fieldError } from '#core/services/form_errors'
import { publicSpaceSettings } from '../settings.js'
import { geocoder } from '#connectors/address_base/geocoder'
import {
  GeocoderUnavailableError,
  type GeocodedAddress,
} from '#connectors/address_base/geocoder_client'
import { formatPoint, insidePolygon, parsePolygon, type Point } from './geo.js'

export type Located =
  { address: GeocodedAddress } | { problem: string; data?: Record<string, unknown> }

/** The point an address typed by a resident stands at, if the address search knows it and it is inside the city. */
export async function locateAddress(text: string): Promise<Located> {
  let found: GeocodedAddress | undefined
  try {
    found = (await (await geocoder()).search(text, 1))[0]
  } catch (error) {
    if (!(error instanceof GeocoderUnavailableError)) throw error
    return { problem: 'public_space.new.geocoder_down' }
  }
  if (!found) return { problem: 'public_space.new.address_unknown' }
  const { boundary } = await readSettings('public_space', publicSpaceSettings)
  const polygon = parsePolygon(boundary)
  if (polygon && !insidePolygon(found, polygon))
    return { problem: 'public_space.new.outside', data: { address: found.label } }
  return { address: found }
}

/** The pin's point from the map's hidden fields, or null when absent or not two coordinates. */
export function pinFrom(lat: string | undefined, lng: string | undefined): Point | null {
  if (!lat || !lng) return null
  const point = { lat: Number(lat), lng: Number(lng) }
  if (!Number.isFinite(point.lat) || !Number.isFinite(point.lng)) return null
  if (Math.abs(point.lat) > 90 || Math.abs(point.lng) > 180) return null
  return point
}

/** The point a resident placed the map's pin at, if inside the city; the address typed (if any) labels it. */
export async function locatePin(
  pin: Point,
  typed: string | undefined,
  describe: (point: string) => string
): Promise<Located> {
  const label = typed?.trim() || describe(formatPoint(pin))
  const { boundary } = await readSettings('public_space', publicSpaceSettings)
  const polygon = parsePolygon(boundary)
  if (polygon && !insidePolygon(pin, polygon))
    return { problem: 'public_space.new.outside', data: { address: label } }
  const address: GeocodedAddress = {
    label,
    lat: pin.lat,
    lng: pin.lng,
    housenumber: null,
    street: null,
    postcode: null,
    city: null,
    score: 1,
    id: null,
  }
  return { address }
}

/**
 * The point of step 1: the map's pin when JavaScript placed one (the address
 * typed, if any, describes it), else the address typed, resolved; a French
 * message next to the location field otherwise.
 */
export async function locateStep(
  input: { lat?: string; lng?: string; location?: string },
  i18n: I18n
) {
  const pin = pinFrom(input.lat, input.lng)
  if (!pin && !input.location)
    throw fieldError('location', i18n.t('public_space.map.address_required'))
  const located = pin
    ? await locatePin(pin, input.location, (point) =>
        i18n.t('public_space.map.pin_address', { point })
      )
    : await locateAddress(input.location!)
  if ('problem' in located) throw fieldError('location', i18n.t(located.problem, located.data))
  return located.address
}
