/**
 * A client of the national address API's search (api-adresse.data.gouv.fr,
 * GET /search/?q=…&limit=…), which answers a GeoJSON FeatureCollection:
 * each feature a Point [longitude, latitude] with properties label, score,
 * housenumber, street, postcode, city, citycode, id.
 */
export interface GeocodedAddress {
  label: string
  lat: number
  lng: number
  /** the number in the street, when the match is an address rather than a street */
  housenumber: string | null
  /** the street's name as the base writes it */
  street: string | null
  postcode: string | null
  city: string | null
  score: number
  id: string | null
}

export class GeocoderUnavailableError extends Error {}

interface Feature {
  geometry?: { type?: string; coordinates?: unknown }
  properties?: Record<string, unknown>
}

export class GeocoderClient {
  constructor(private options: { baseUrl: string; timeoutMs?: number }) {}

  /** The best matches for what a resident typed, best first; [] when none. */
  async search(query: string, limit = 5): Promise<GeocodedAddress[]> {
    const url = new URL('search/', this.options.baseUrl.replace(/\/?$/, '/'))
    url.searchParams.set('q', query)
    url.searchParams.set('limit', String(limit))
    let response: Response
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 4000),
      })
    } catch (error) {
      throw new GeocoderUnavailableError(`Geocoder unreachable: ${(error as Error).message}`)
    }
    if (!response.ok) throw new GeocoderUnavailableError(`Geocoder answered ${response.status}`)
    const body = (await response.json()) as { features?: Feature[] }
    return (body.features ?? []).flatMap((feature) => {
      const coordinates = feature.geometry?.coordinates
      const properties = feature.properties ?? {}
      if (!Array.isArray(coordinates) || coordinates.length < 2) return []
      const [lng, lat] = coordinates.map(Number)
      if (!Number.isFinite(lat) || !Number.isFinite(lng)) return []
      const text = (name: string) =>
        typeof properties[name] === 'string' ? (properties[name] as string) : null
      return [
        {
          label: text('label') ?? query,
          lat,
          lng,
          housenumber: text('housenumber'),
          street: text('street') ?? (text('type') === 'street' ? text('name') : null),
          postcode: text('postcode'),
          city: text('city'),
          score: Number(properties.score ?? 0),
          id: text('id'),
        },
      ]
    })
  }
}
