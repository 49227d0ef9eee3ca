import env from '#start/env'
import app from '@adonisjs/core/services/app'
import parvisConfig from '#config/parvis'
import type { FranceConnectSimulator, PortalRedirects } from '#accounts/franceconnect/simulator'

/*
 * Where FranceConnect is and who the portal is for it. In production:
 * FRANCECONNECT_ISSUER (the issuer of the partner space's environment, e.g.
 * https://fcp-low.integ01.dev-franceconnect.fr/api/v2; the endpoints come
 * from its discovery document), FRANCECONNECT_CLIENT_ID and _SECRET, and
 * FRANCECONNECT_SCOPES. Unset, a local FranceConnect-like provider starts
 * on loopback at first use (demo, development, tests).
 */
export interface FranceConnectSettings {
  issuer: string
  clientId: string
  clientSecret: string
  scopes: string
  /** the signature algorithm declared in the partner space (ES256 recommended, or RS256) */
  signingAlg: 'ES256' | 'RS256'
}

export const CALLBACK_PATH = '/franceconnect/retour'
export const LOGOUT_RETURN_PATH = '/franceconnect/deconnexion/retour'

export const DEFAULT_SCOPES =
  'openid given_name family_name birthdate gender birthplace birthcountry email preferred_username'

/** The URIs declared in the partner space: FranceConnect sends the browser back only there. */
export function portalRedirects(): PortalRedirects {
  return {
    redirectUri: `${parvisConfig.appUrl}${CALLBACK_PATH}`,
    postLogoutRedirectUri: `${parvisConfig.appUrl}${LOGOUT_RETURN_PATH}`,
  }
}

let settings: FranceConnectSettings | null = null
let simulator: FranceConnectSimulator | null = null
let starting: Promise<void> | null = null

export function franceConnectSimulated() {
  return !env.get('FRANCECONNECT_ISSUER')
}

/**
 * What the CSP lets forms lead to besides the portal: logging out (a form)
 * ends on FranceConnect's end-session page. The simulator listens on a port
 * chosen at its start, on loopback.
 */
export function franceConnectFormTarget() {
  const issuer = settings?.issuer ?? env.get('FRANCECONNECT_ISSUER')
  return issuer ? new URL(issuer).origin : 'http://127.0.0.1:*'
}

export async function franceConnect(): Promise<FranceConnectSettings> {
  if (settings) return settings
  const issuer = env.get('FRANCECONNECT_ISSUER')
  if (issuer) {
    settings = {
      issuer,
      clientId: env.get('FRANCECONNECT_CLIENT_ID', ''),
      clientSecret: env.get('FRANCECONNECT_CLIENT_SECRET', ''),
      scopes: env.get('FRANCECONNECT_SCOPES', DEFAULT_SCOPES),
      signingAlg: env.get('FRANCECONNECT_SIGNING_ALG', 'ES256'),
    }
    return settings
  }
  starting ??= (async () => {
    const { startFranceConnectSimulator } = await import('#accounts/franceconnect/simulator')
    simulator = await startFranceConnectSimulator(portalRedirects())
    settings = simulatorSettings(simulator)
    app.terminating(async () => simulator?.stop())
  })()
  await starting
  return settings!
}

/** The settings that talk to a simulator (tests start their own, with the identities they choose). */
export function simulatorSettings(started: FranceConnectSimulator): FranceConnectSettings {
  return {
    issuer: started.issuer,
    clientId: started.clientId,
    clientSecret: started.clientSecret,
    scopes: DEFAULT_SCOPES,
    signingAlg: 'ES256',
  }
}

/** Tests point the portal at a provider they control (null: back to the default). */
export function useFranceConnect(next: FranceConnectSettings | null) {
  settings = next
}
