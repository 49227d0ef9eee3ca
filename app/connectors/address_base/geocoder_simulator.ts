/*
 * A loopback imitation of the national address API's search, so that tests
 * and the demo locate addresses offline. It knows a few addresses of the demo
 * city (inside the default boundary) and one in Paris (outside it); a query
 * matches an address when every word typed is in it (accents and case aside).
 * It also knows the demo city's streets (SIMULATED_STREETS, the ones the demo
 * data uses): a number followed by one of them is an address of that street,
 * as the real base knows every number; a street alone is a street.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SimulatedAddress {
  label: string
  lat: number
  lng: number
  housenumber?: string
  street: string
  postcode: string
  city: string
}

export const SIMULATED_ADDRESSES: SimulatedAddress[] = [
  {
    label: '12 Rue de la Gare 91000 Villeneuve',
    housenumber: '12',
    street: 'Rue de la Gare',
    postcode: '91000',
    city: 'Villeneuve',
    lat: 48.63,
    lng: 2.44,
  },
  // 30 m north of the one above, and 80 m: the duplicate check's examples.
  {
    label: '14 Rue de la Gare 91000 Villeneuve',
    housenumber: '14',
    street: 'Rue de la Gare',
    postcode: '91000',
    city: 'Villeneuve',
    lat: 48.63027,
    lng: 2.44,
  },
  {
    label: '20 Rue de la Gare 91000 Villeneuve',
    housenumber: '20',
    street: 'Rue de la Gare',
    postcode: '91000',
    city: 'Villeneuve',
    lat: 48.63072,
    lng: 2.44,
  },
  {
    label: '3 Place de la Mairie 91000 Villeneuve',
    housenumber: '3',
    street: 'Place de la Mairie',
    postcode: '91000',
    city: 'Villeneuve',
    lat: 48.6352,
    lng: 2.4481,
  },
  {
    label: '8 Allée des Tilleuls 91000 Villeneuve',
    housenumber: '8',
    street: 'Allée des Tilleuls',
    postcode: '91000',
    city: 'Villeneuve',
    lat: 48.6211,
    lng: 2.4312,
  },
  {
    label: '1 Place de la Concorde 75008 Paris',
    housenumber: '1',
    street: 'Place de la Concorde',
    postcode: '75008',
    city: 'Paris',
    lat: 48.8656,
    lng: 2.3212,
  },
]

/** The demo city's streets (every module's demo data takes its streets from here), each at a point inside the default boundary. */
export const SIMULATED_STREETS: { name: string; lat: number; lng: number }[] = [
  { name: 'Rue de la Gare', lat: 48.63, lng: 2.44 },
  { name: 'Place de la Mairie', lat: 48.6352, lng: 2.4481 },
  { name: 'Allée des Tilleuls', lat: 48.6211, lng: 2.4312 },
  { name: 'Rue de la République', lat: 48.6301, lng: 2.4452 },
  { name: 'Place de l’Hôtel de Ville', lat: 48.6325, lng: 2.4433 },
  { name: 'Rue Victor Hugo', lat: 48.6287, lng: 2.4389 },
  { name: 'Avenue de la Gare', lat: 48.6264, lng: 2.4421 },
  { name: 'Rue des Lilas', lat: 48.6243, lng: 2.4358 },
  { name: 'Rue Jules Ferry', lat: 48.6339, lng: 2.4512 },
  { name: 'Boulevard de l’Europe', lat: 48.6398, lng: 2.4467 },
  { name: 'Rue Pasteur', lat: 48.6372, lng: 2.4405 },
  { name: 'Allée des Champs-Élysées', lat: 48.6417, lng: 2.4382 },
]

const SIMULATED_CITY = { postcode: '91000', city: 'Villeneuve' }

/** The addresses the simulator answers for a query no known address matches: a number on a known street, or a street. */
function streetMatches(typed: string[]): SimulatedAddress[] {
  const number = /^\d{1,4}$/.test(typed[0] ?? '') ? typed[0] : undefined
  const rest = (number ? typed.slice(1) : typed).filter(
    (word) => !words(`${SIMULATED_CITY.postcode} ${SIMULATED_CITY.city}`).includes(word)
  )
  if (rest.length === 0) return []
  return SIMULATED_STREETS.filter((street) => {
    const known = new Set(words(street.name))
    return rest.every((word) => known.has(word))
  }).map((street) => ({
    label: `${number ? `${number} ` : ''}${street.name} ${SIMULATED_CITY.postcode} ${SIMULATED_CITY.city}`,
    housenumber: number,
    street: street.name,
    ...SIMULATED_CITY,
    lat: street.lat,
    lng: street.lng,
  }))
}

function words(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

export interface GeocoderSimulator {
  url: string
  /** when true, every answer is a 503 */
  down: boolean
  queries: string[]
  stop(): Promise<void>
}

export async function startGeocoderSimulator(): Promise<GeocoderSimulator> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      response.end(JSON.stringify(body))
    }
    if (simulator.down) return send(503, { code: 503, message: 'Service unavailable' })
    if (url.pathname !== '/search/' && url.pathname !== '/search')
      return send(404, { code: 404, message: 'Not found' })
    const query = url.searchParams.get('q') ?? ''
    simulator.queries.push(query)
    if (query.trim().length < 3)
      return send(400, { code: 400, message: 'q must contain between 3 and 200 chars' })
    const typed = words(query)
    const limit = Math.max(1, Math.min(20, Number(url.searchParams.get('limit')) || 5))
    const exact = SIMULATED_ADDRESSES.filter((address) => {
      const known = new Set(words(address.label))
      return typed.every((word) => known.has(word))
    })
    const features = (exact.length ? exact : streetMatches(typed))
      .slice(0, limit)
      .map((address) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [address.lng, address.lat] },
        properties: {
          label: address.label,
          score: 0.97,
          housenumber: address.housenumber,
          id: `91000_sim_${words(address.label).join('_')}`,
          type: address.housenumber ? 'housenumber' : 'street',
          name: `${address.housenumber ?? ''} ${address.street}`.trim(),
          postcode: address.postcode,
          citycode: address.postcode,
          city: address.city,
          street: address.street,
        },
      }))
    send(200, { type: 'FeatureCollection', version: 'draft', features, query, limit })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const simulator: GeocoderSimulator = {
    url: `http://127.0.0.1:${port}/`,
    down: false,
    queries: [],
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  return simulator
}
