import app from '@adonisjs/core/services/app'
import { GeocoderClient } from './geocoder_client.js'
import type { GeocoderSimulator } from './geocoder_simulator.js'

/*
 * The address base the portal checks addresses against, shared by every
 * module (reports located in public space, homes declared to the police…).
 * In production: GEOCODER_URL (the national address API, Base Adresse
 * Nationale, https://api-adresse.data.gouv.fr/). Without it (development,
 * demo, tests), a simulator is started on loopback at first use, so that
 * `npm start` works offline.
 */
let client: GeocoderClient | null = null
let simulator: GeocoderSimulator | null = null
let starting: Promise<void> | null = null

export function geocoderIsSimulated() {
  return !process.env.GEOCODER_URL
}

export async function geocoder(): Promise<GeocoderClient> {
  if (client) return client
  const url = process.env.GEOCODER_URL
  if (url) {
    client = new GeocoderClient({ baseUrl: url })
    return client
  }
  starting ??= (async () => {
    const { startGeocoderSimulator } = await import('./geocoder_simulator.js')
    simulator = await startGeocoderSimulator()
    client = new GeocoderClient({ baseUrl: simulator.url })
    app.terminating(async () => simulator?.stop())
  })()
  await starting
  return client!
}

/** The simulator started by geocoder() (tests turn it down to see the outage message). */
export async function geocoderSimulator() {
  await geocoder()
  return simulator
}

/** Tests point the portal at a geocoder they control (null: back to the default). */
export function useGeocoder(next: GeocoderClient | null) {
  client = next
}
