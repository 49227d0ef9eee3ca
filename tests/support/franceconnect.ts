import {
  startFranceConnectSimulator,
  type FranceConnectIdentity,
  type FranceConnectSimulator,
} from '#accounts/franceconnect/simulator'
import {
  portalRedirects,
  simulatorSettings,
  useFranceConnect,
} from '#accounts/franceconnect/settings'
import type { Visitor } from '#tests/support/visitor'
import parvisConfig from '#config/parvis'

export const ANGELA: FranceConnectIdentity = {
  sub: 'fc-test-angela',
  given_name: 'Angela Claire Louise',
  family_name: 'DUBOIS',
  birthdate: '1962-08-24',
  gender: 'female',
  birthplace: '75107',
  birthcountry: '99100',
  email: 'angela.dubois@example.fr',
}

export const KARIM: FranceConnectIdentity = {
  sub: 'fc-test-karim',
  given_name: 'Karim',
  family_name: 'HADDAD',
  birthdate: '1988-03-02',
  gender: 'male',
  birthplace: '91228',
  birthcountry: '99100',
  email: 'karim.haddad@example.fr',
  preferred_username: 'MARTIN',
}

/** A local FranceConnect knowing these identities, the portal pointed at it until `stop`. */
export async function franceConnectFor(identities: FranceConnectIdentity[] = [ANGELA, KARIM]) {
  const simulator = await startFranceConnectSimulator({ ...portalRedirects(), identities })
  useFranceConnect(simulatorSettings(simulator))
  return {
    simulator,
    async stop() {
      useFranceConnect(null)
      await simulator.stop()
    },
  }
}

/** One answer of the journey and where the browser was. */
export interface Hop {
  url: string
  status: number
  location: string | null
  text: string
}

async function visit(visitor: Visitor, url: string): Promise<Hop> {
  const absolute = new URL(url, parvisConfig.appUrl).href
  const answer = await visitor.get(absolute)
  return { url: absolute, ...answer }
}

/** Follows redirects (portal and provider alike) until a page that is not one. */
export async function follow(visitor: Visitor, from: Hop): Promise<Hop> {
  let hop = from
  for (let count = 0; hop.location && hop.status >= 300 && hop.status < 400; count++) {
    if (count > 10) throw new Error(`Too many redirects from ${from.url}`)
    hop = await visit(visitor, new URL(hop.location, hop.url).href)
  }
  return hop
}

export interface JourneyOptions {
  /** the sub of the identity chosen on the provider's page */
  identity?: string
  /** what the resident does there */
  action?: 'login' | 'cancel'
  /** changes the authorization request before the browser goes there */
  authorize?: (url: URL) => void
  /** changes the callback before the browser comes back to the portal */
  callback?: (url: URL) => void
}

/**
 * A resident goes through FranceConnect from `start` (a portal address that
 * redirects to FranceConnect, or the answer of a form that did): the
 * provider's login page, the chosen identity, the way back. Returns the
 * portal's answer to the callback.
 */
export async function throughFranceConnect(
  visitor: Visitor,
  start: Hop,
  simulator: FranceConnectSimulator,
  options: JourneyOptions = {}
): Promise<Hop> {
  if (!start.location?.startsWith(simulator.issuer))
    throw new Error(`Expected a redirect to FranceConnect, got ${start.status} ${start.location}`)
  const authorize = new URL(start.location)
  options.authorize?.(authorize)
  const page = await follow(visitor, await visit(visitor, authorize.href))
  if (page.status !== 200 || !page.text.includes('Choisissez une identité'))
    throw new Error(`Expected the provider's login page, got ${page.status}: ${page.text}`)
  const posted = await visitor.post(page.url, {
    identity: options.identity ?? simulator.identities[0].sub,
    action: options.action ?? 'login',
  })
  let hop: Hop = { url: page.url, ...posted }
  // Through the provider's redirects, up to the portal's callback (not followed).
  while (hop.location && !hop.location.includes('/franceconnect/retour')) {
    hop = await visit(visitor, new URL(hop.location, hop.url).href)
  }
  if (!hop.location) throw new Error(`The provider did not come back: ${hop.status} ${hop.text}`)
  const callback = new URL(hop.location, hop.url)
  options.callback?.(callback)
  return visit(visitor, callback.href)
}

/** From the portal's login page, the FranceConnect button, then FranceConnect. */
export async function logInWithFranceConnect(
  visitor: Visitor,
  simulator: FranceConnectSimulator,
  options: JourneyOptions = {}
) {
  await visitor.get('/connexion')
  const start = await visit(visitor, '/franceconnect/connexion')
  return throughFranceConnect(visitor, start, simulator, options)
}
