import env from '#start/env'

/** Addresses that mean "every interface": a link needs a name instead. */
const ANY_INTERFACE = ['0.0.0.0', '::', '[::]']

/**
 * The public base URL of the portal, without a trailing slash: APP_URL when
 * it is set, otherwise where this process serves, from the same HOST and
 * PORT the HTTP server listens on (AdonisJS: 0.0.0.0 and 3333 unless set).
 * The one place links in mails, the start banner and the ANTS hub's
 * callbacks get their origin from.
 */
export function appUrlFrom(settings: {
  APP_URL?: string | null
  HOST?: string | null
  PORT?: number | string | null
}) {
  const explicit = settings.APP_URL?.trim()
  if (explicit) return explicit.replace(/\/+$/, '')
  const host =
    settings.HOST?.trim() && !ANY_INTERFACE.includes(settings.HOST.trim())
      ? settings.HOST.trim()
      : 'localhost'
  const hostname = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
  return new URL(`http://${hostname}:${settings.PORT || 3333}`).origin
}

/** The city that runs this Parvis, and product-wide settings. */
const parvisConfig = {
  city: {
    name: env.get('CITY_NAME', 'Évry-Courcouronnes'),
    /** path of the logo under public/ */
    logo: '/images/logo.svg',
    address: 'Place des Droits de l’Homme et du Citoyen, 91000 Évry-Courcouronnes',
    phone: '01 60 91 63 00',
  },
  referencePrefix: env.get('REFERENCE_PREFIX', 'PRV'),
  locales: ['fr', 'en'] as const,
  defaultLocale: 'fr' as const,
  appUrl: appUrlFrom({ APP_URL: env.get('APP_URL'), HOST: env.get('HOST'), PORT: env.get('PORT') }),
}

/**
 * Whether residents reach the portal over HTTPS (APP_URL says so). In
 * production, cookies are then `Secure` and HSTS is sent; a portal tried over
 * plain HTTP (`npm start` on a laptop or a LAN address) still logs in.
 * `parvis:doctor` warns about a production portal without an https APP_URL.
 */
export const servedOverHttps = parvisConfig.appUrl.startsWith('https://')

/** OpenStreetMap's own tiles: fine for a city's modest use (see its tile usage policy); set MAP_TILE_URL for a provider of the city's choice. */
export const DEFAULT_MAP_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
const DEFAULT_MAP_ATTRIBUTION =
  '© <a href="https://www.openstreetmap.org/copyright">les contributeurs d’OpenStreetMap</a>'

/**
 * Where maps take their tiles (MAP_TILE_URL, MAP_TILE_ATTRIBUTION) and the
 * origin the CSP lets images come from. Read at each call, not at boot: tests
 * point maps at a loopback tile server they start.
 */
export function mapTiles() {
  const url = process.env.MAP_TILE_URL?.trim() || DEFAULT_MAP_TILE_URL
  const attribution = process.env.MAP_TILE_ATTRIBUTION?.trim() || DEFAULT_MAP_ATTRIBUTION
  // "https://{s}.tile.example.org/…" → "https://*.tile.example.org" (a CSP host wildcard).
  const origin = (url.match(/^https?:\/\/[^/]+/)?.[0] ?? `'self'`).replace('{s}', '*')
  return { url, attribution, origin }
}

export default parvisConfig
