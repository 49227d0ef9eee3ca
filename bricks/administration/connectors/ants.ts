import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { AntsClient } from './ants_client.js'
import type { AntsSimulator } from './ants_simulator.js'

/*
 * Which ANTS the brick talks to. In production: ANTS_API_URL and
 * ANTS_API_TOKEN. Without them (development, demo, tests), an ANTS simulator
 * is started on loopback at first use, so `npm start` works offline; pages
 * say when the simulator answers.
 */
let client: AntsClient | null = null
let simulator: AntsSimulator | null = null
let starting: Promise<void> | null = null

export function antsIsSimulated() {
  return !env.get('ANTS_API_URL')
}

export async function antsClient(): Promise<AntsClient> {
  if (client) return client
  const url = env.get('ANTS_API_URL')
  if (url) {
    client = new AntsClient({ baseUrl: url, token: env.get('ANTS_API_TOKEN') ?? '' })
    return client
  }
  if (app.getEnvironment() === 'console') {
    // A simulator lives in the process that starts it: declarations sent to
    // one started in `node ace jobs:work` would never reach the one the web
    // process checks numbers with. Fail (the job retries), and say why.
    throw new Error(
      'The ANTS simulator runs inside the web process: set ANTS_API_URL and ANTS_API_TOKEN, or run the jobs there (JOBS_IN_PROCESS=true).'
    )
  }
  starting ??= (async () => {
    const { startAntsSimulator } = await import('./ants_simulator.js')
    simulator = await startAntsSimulator({ token: 'simulateur-parvis' })
    client = new AntsClient({ baseUrl: simulator.url, token: simulator.token })
    app.terminating(async () => simulator?.stop())
  })()
  await starting
  return client!
}

/** Tests point the brick at a simulator they control (and can stop). */
export function useAntsClient(next: AntsClient | null) {
  client = next
}
