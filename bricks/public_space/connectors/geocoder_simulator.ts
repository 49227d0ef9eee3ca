/*
 * A loopback imitation of the national address API's search, so that tests
 * and the demo locate addresses offline. It knows a few addresses of the demo
 * city (inside the default boundary) and one in Paris (outside it); a query
 * matches an address when every word typed is in it (accents and case aside).
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
    const features = SIMULATED_ADDRESSES.filter((address) => {
      const known = new Set(words(address.label))
      return typed.every((word) => known.has(word))
    })
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
