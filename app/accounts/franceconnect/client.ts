import * as oidc from 'openid-client'
import type { FranceConnectSettings } from '#accounts/franceconnect/settings'
import { portalRedirects } from '#accounts/franceconnect/settings'
import { identityFromClaims, type VerifiedIdentity } from '#accounts/franceconnect/identity'

/*
 * The portal's side of FranceConnect v2, with openid-client: the
 * authorization request (state, nonce, acr_values=eidas1), the callback
 * (state and nonce checked, ID token and signed userinfo verified with the
 * provider's JWKS), and the end-session address for logout. Every endpoint
 * comes from the discovery document.
 */

export class FranceConnectError extends Error {
  constructor(
    readonly reason: 'refused' | 'invalid_answer' | 'unreachable',
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

/** Discovery documents, by issuer: read once per process. */
const discovered = new Map<string, oidc.ServerMetadata>()

function clientMetadata(settings: FranceConnectSettings): Partial<oidc.ClientMetadata> {
  return {
    client_secret: settings.clientSecret,
    id_token_signed_response_alg: settings.signingAlg,
    userinfo_signed_response_alg: settings.signingAlg,
  }
}

/**
 * A configuration for one login. The discovery document is kept; the JWKS
 * is read afresh for each login (once for the ID token and the userinfo), so
 * a key FranceConnect rotated in is always found, as FranceConnect asks of
 * clients whose cache does not know a `kid`.
 */
async function configuration(settings: FranceConnectSettings) {
  const insecure = new URL(settings.issuer).protocol === 'http:'
  let metadata = discovered.get(settings.issuer)
  if (!metadata) {
    try {
      const found = await oidc.discovery(
        new URL(settings.issuer),
        settings.clientId,
        clientMetadata(settings),
        oidc.ClientSecretPost(settings.clientSecret),
        { execute: insecure ? [oidc.allowInsecureRequests] : [], timeout: 10 }
      )
      metadata = found.serverMetadata()
    } catch (error) {
      throw new FranceConnectError('unreachable', 'FranceConnect discovery failed', {
        cause: error,
      })
    }
    discovered.set(settings.issuer, metadata)
  }
  const config = new oidc.Configuration(
    metadata,
    settings.clientId,
    clientMetadata(settings),
    oidc.ClientSecretPost(settings.clientSecret)
  )
  if (insecure) oidc.allowInsecureRequests(config)
  oidc.enableNonRepudiationChecks(config)
  return config
}

export interface PendingLogin {
  url: string
  state: string
  nonce: string
}

export async function authorizationRequest(settings: FranceConnectSettings): Promise<PendingLogin> {
  const config = await configuration(settings)
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: portalRedirects().redirectUri,
    scope: settings.scopes,
    state,
    nonce,
    acr_values: 'eidas1',
  })
  return { url: url.href, state, nonce }
}

export interface CompletedLogin {
  identity: VerifiedIdentity
  /** kept for logout (id_token_hint) */
  idToken: string
}

/**
 * The callback: `query` is what FranceConnect sent the browser back with.
 * Throws FranceConnectError when the person refused or anything fails a check.
 */
export async function completeLogin(
  settings: FranceConnectSettings,
  query: Record<string, unknown>,
  expected: { state: string; nonce: string }
): Promise<CompletedLogin> {
  if (typeof query.error === 'string')
    throw new FranceConnectError('refused', `FranceConnect answered ${query.error}`)
  const config = await configuration(settings)
  const currentUrl = new URL(portalRedirects().redirectUri)
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === 'string') currentUrl.searchParams.set(name, value)
  }
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    })
    const claims = tokens.claims()!
    if (claims.acr !== 'eidas1') throw new Error(`unexpected acr ${String(claims.acr)}`)
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)
    return { identity: identityFromClaims(userinfo), idToken: tokens.id_token! }
  } catch (error) {
    throw new FranceConnectError('invalid_answer', 'FranceConnect answer refused', {
      cause: error,
    })
  }
}

/** Where to send the browser to end the FranceConnect session too. */
export async function endSessionUrl(
  settings: FranceConnectSettings,
  idToken: string,
  state: string
) {
  const config = await configuration(settings)
  return oidc.buildEndSessionUrl(config, {
    id_token_hint: idToken,
    post_logout_redirect_uri: portalRedirects().postLogoutRedirectUri,
    state,
  }).href
}
