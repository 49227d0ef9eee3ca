import { readSettings } from '#core/services/settings'
import { publicSpaceSettings } from '../settings.js'
import { geocoder } from '#connectors/address_base/geocoder'
import {
  GeocoderUnavailableError,
  type GeocodedAddress,
} from '#connectors/address_base/geocoder_client'
import { insidePolygon, parsePolygon } from './geo.js'

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
