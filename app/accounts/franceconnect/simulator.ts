import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'
import { clock } from '#core/clock'

/*
 * A FranceConnect-like OpenID provider on loopback, for the demo and the
 * tests, built on oidc-provider and configured the way FranceConnect v2
 * answers: paths under /api/v2, authorization code flow only, `eidas1`,
 * ID token and userinfo signed with ES256 (the userinfo is a JWT), keys
 * published at /api/v2/jwks, discovery document, end-session endpoint, and
 * the identity claims in FranceConnect's formats. Its login page lets one
 * pick a demo identity; tests choose the identities it knows and can make it
 * misbehave (a userinfo whose payload was changed after signing).
 */

/** The claims FranceConnect gives about a person (identité pivot, e-mail, nom d'usage). */
export interface FranceConnectIdentity {
  sub: string
  given_name: string
  family_name: string
  /** YYYY-MM-DD */
  birthdate: string
  gender: 'male' | 'female'
  /** INSEE commune code (5 characters), empty when born abroad */
  birthplace: string
  /** INSEE country code, 99100 for France */
  birthcountry: string
  email: string
  /** nom d'usage, when it differs from the birth name */
  preferred_username?: string
}

export interface FranceConnectSimulator {
  issuer: string
  clientId: string
  clientSecret: string
  identities: FranceConnectIdentity[]
  /** Tests: the userinfo JWT's payload is changed after signing (a forged answer). */
  tamperUserinfo: boolean
  /** Signs from now on with a new key (another `kid`), as FranceConnect does when it rotates its keys. */
  rotateKey(): void
  /** The end-session requests received (their query parameters). */
  logouts: Record<string, string>[]
  stop(): Promise<void>
}

export const DEMO_IDENTITIES: FranceConnectIdentity[] = [
  {
    sub: 'fc-demo-angela-dubois',
    given_name: 'Angela Claire Louise',
    family_name: 'DUBOIS',
    birthdate: '1962-08-24',
    gender: 'female',
    birthplace: '75107',
    birthcountry: '99100',
    email: 'angela.dubois@example.fr',
  },
  {
    sub: 'fc-demo-karim-haddad',
    given_name: 'Karim',
    family_name: 'HADDAD',
    birthdate: '1988-03-02',
    gender: 'male',
    birthplace: '91228',
    birthcountry: '99100',
    email: 'karim.haddad@example.fr',
    preferred_username: 'MARTIN',
  },
]

const PREFIX = '/api/v2'
const PIVOT = ['given_name', 'family_name', 'birthdate', 'gender', 'birthplace', 'birthcountry']

function escape(value: string) {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#161616;background:#f6f6f6}
header{background:#000091;color:#fff;padding:1rem}main{max-width:36rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem}
fieldset{border:0;padding:0;margin:0 0 1.5rem}legend{font-weight:700;margin-bottom:.75rem}
.choice{margin:.5rem 0}button{font:inherit;padding:.6rem 1.2rem;margin:0 .5rem .5rem 0;border:2px solid #000091;background:#000091;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#000091}:focus{outline:3px solid #0a76f6;outline-offset:2px}`

function page(title: string, body: string) {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — FranceConnect (simulateur)</title>
<style>${STYLE}</style>
</head>
<body>
<header><p>FranceConnect — simulateur local de démonstration</p></header>
<main>
<h1>${escape(title)}</h1>
${body}
</main>
</body>
</html>`
}

function send(response: ServerResponse, status: number, html: string) {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
  response.end(html)
}

async function formBody(request: IncomingMessage) {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

function loginPage(uid: string, identities: FranceConnectIdentity[]) {
  const choices = identities
    .map(
      (identity, index) => `<div class="choice">
<input type="radio" name="identity" id="identity-${index}" value="${escape(identity.sub)}"${index === 0 ? ' checked' : ''}>
<label for="identity-${index}">${escape(`${identity.given_name} ${identity.family_name}`)}, née ou né le ${escape(identity.birthdate)}</label>
</div>`
    )
    .join('\n')
  return page(
    'Choisissez une identité',
    `<p>Ce simulateur remplace FranceConnect pour la démonstration et les tests : aucune donnée réelle n’est transmise.</p>
<form method="post" action="${PREFIX}/interaction/${escape(uid)}">
<fieldset>
<legend>Identité de démonstration</legend>
${choices}
</fieldset>
<button type="submit" name="action" value="login">Se connecter</button>
<button type="submit" name="action" value="cancel" class="secondary">Annuler et revenir au site</button>
</form>`
  )
}

/** Changes a claim of a signed JWT without signing it again. */
function forge(jwt: string) {
  const [header, payload, signature] = jwt.split('.')
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  claims.family_name = 'USURPATEUR'
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.')
}

/** Bound on what the simulator remembers (logins, codes, tokens): a demo running for weeks stays small. */
const REMEMBERED = 5000

/**
 * oidc-provider's storage for the simulator: in memory, shared by the
 * provider instances of one simulator (a key rotation keeps the logins), the
 * oldest entries forgotten first. Expiry is checked by oidc-provider itself.
 */
function memoryStorage() {
  const entries = new Map<string, Record<string, unknown>>()
  const put = (key: string, payload: Record<string, unknown>) => {
    entries.delete(key)
    entries.set(key, payload)
    if (entries.size > REMEMBERED) entries.delete(entries.keys().next().value!)
  }
  return class SimulatorStorage {
    constructor(readonly model: string) {}
    #key(id: string) {
      return `${this.model}:${id}`
    }
    async upsert(id: string, payload: Record<string, unknown>) {
      put(this.#key(id), payload)
      if (typeof payload.uid === 'string') put(`${this.model}:uid:${payload.uid}`, { id })
      if (typeof payload.grantId === 'string') {
        const grant = entries.get(`grant:${payload.grantId}`) ?? { keys: [] }
        put(`grant:${payload.grantId}`, { keys: [...(grant.keys as string[]), this.#key(id)] })
      }
    }
    async find(id: string) {
      return entries.get(this.#key(id))
    }
    async findByUid(uid: string) {
      const found = entries.get(`${this.model}:uid:${uid}`)
      return found ? entries.get(this.#key(String(found.id))) : undefined
    }
    async findByUserCode() {
      return undefined
    }
    async consume(id: string) {
      const payload = entries.get(this.#key(id))
      if (payload) payload.consumed = clock.now().toUnixInteger()
    }
    async destroy(id: string) {
      entries.delete(this.#key(id))
    }
    async revokeByGrantId(grantId: string) {
      const grant = entries.get(`grant:${grantId}`)
      for (const key of (grant?.keys as string[] | undefined) ?? []) entries.delete(key)
      entries.delete(`grant:${grantId}`)
    }
  }
}

function signingKey() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(8).toString('hex'),
    use: 'sig',
    alg: 'ES256',
  }
}

/** The portal's addresses FranceConnect sends the browser back to, declared like in the partner space. */
export interface PortalRedirects {
  redirectUri: string
  postLogoutRedirectUri: string
}

export async function startFranceConnectSimulator(
  options: PortalRedirects & { identities?: FranceConnectIdentity[]; port?: number }
): Promise<FranceConnectSimulator> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const identities = options.identities ?? DEMO_IDENTITIES
  const client = {
    client_id: `parvis-${randomBytes(6).toString('hex')}`,
    client_secret: randomBytes(32).toString('hex'),
    redirect_uris: [options.redirectUri],
    post_logout_redirect_uris: [options.postLogoutRedirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: 'ES256',
    userinfo_signed_response_alg: 'ES256',
  }
  const simulator: FranceConnectSimulator = {
    issuer: `${base}${PREFIX}`,
    clientId: client.client_id,
    clientSecret: client.client_secret,
    identities,
    tamperUserinfo: false,
    logouts: [],
    rotateKey: () => {},
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }

  const cookieKeys = [randomBytes(32).toString('hex')]
  const storage = memoryStorage()
  const configuration = (key: Record<string, unknown>) => ({
    clients: [client],
    jwks: { keys: [key] },
    cookies: { keys: cookieKeys },
    adapter: storage,
    // As short-lived as FranceConnect's own (seconds).
    ttl: {
      AuthorizationCode: 30,
      AccessToken: 60,
      IdToken: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    acrValues: ['eidas1'],
    pkce: { required: () => false },
    claims: {
      openid: ['sub'],
      ...Object.fromEntries(
        [...PIVOT, 'email', 'preferred_username'].map((claim) => [claim, [claim]])
      ),
      identite_pivot: PIVOT,
      profile: ['given_name', 'family_name', 'birthdate', 'gender', 'preferred_username'],
      birth: ['birthplace', 'birthcountry'],
    },
    routes: {
      authorization: '/authorize',
      token: '/token',
      userinfo: '/userinfo',
      jwks: '/jwks',
      end_session: '/session/end',
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: { body: string }, form: string) => {
          ctx.body = page(
            'Se déconnecter de FranceConnect',
            `${form}<p>Le site vous a déconnecté. Voulez-vous aussi vous déconnecter de FranceConnect ?</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes">Se déconnecter de FranceConnect</button>
<button type="submit" form="op.logoutForm" class="secondary">Rester connecté à FranceConnect</button>`
          )
        },
        postLogoutSuccessSource: (ctx: { body: string }) => {
          ctx.body = page('Vous êtes déconnecté de FranceConnect', '')
        },
      },
    },
    interactions: {
      url: (_ctx: unknown, pending: { uid: string }) => `${PREFIX}/interaction/${pending.uid}`,
    },
    findAccount: (_ctx: unknown, sub: string) => {
      const identity = identities.find((candidate) => candidate.sub === sub)
      if (!identity) return undefined
      return { accountId: sub, claims: () => ({ ...identity }) }
    },
    renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html'
      ctx.body = page(
        'Une erreur est survenue',
        `<p>FranceConnect n’a pas pu traiter la demande du site.</p><p><code>${escape(out.error ?? '')}</code> ${escape(out.error_description ?? '')}</p>`
      )
    },
  })
  let provider = new Provider(simulator.issuer, configuration(signingKey()))
  let callback = provider.callback()
  // What the provider keeps (sessions, codes) is in `storage`, shared by its
  // instances: a new instance with a new key goes on with the same logins.
  simulator.rotateKey = () => {
    provider = new Provider(simulator.issuer, configuration(signingKey()))
    callback = provider.callback()
  }

  async function interaction(request: IncomingMessage, response: ServerResponse) {
    const details = await provider.interactionDetails(request, response)
    if (request.method !== 'POST') return send(response, 200, loginPage(details.uid, identities))
    const form = await formBody(request)
    if (form.get('action') === 'cancel') {
      return provider.interactionFinished(
        request,
        response,
        { error: 'access_denied', error_description: 'L’usager a annulé la connexion' },
        { mergeWithLastSubmission: false }
      )
    }
    const identity = identities.find((candidate) => candidate.sub === form.get('identity'))
    if (!identity) return send(response, 400, loginPage(details.uid, identities))
    const grant = new provider.Grant({ accountId: identity.sub, clientId: client.client_id })
    grant.addOIDCScope(String(details.params.scope ?? 'openid'))
    const grantId = await grant.save()
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId: identity.sub, acr: 'eidas1', amr: ['pwd'] }, consent: { grantId } },
      { mergeWithLastSubmission: false }
    )
  }

  function forgeUserinfo(response: ServerResponse) {
    const end = response.end.bind(response) as (chunk?: unknown) => ServerResponse
    response.end = ((chunk?: unknown) => {
      if (chunk === undefined || chunk === null) return end(chunk)
      const forged = forge(String(chunk))
      response.setHeader('content-length', Buffer.byteLength(forged))
      return end(forged)
    }) as ServerResponse['end']
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', base).pathname
    if (!path.startsWith(`${PREFIX}/`)) return send(response, 404, page('Page introuvable', ''))
    if (path.startsWith(`${PREFIX}/interaction/`)) {
      interaction(request, response).catch(() =>
        send(response, 400, page('Session expirée', '<p>Recommencez depuis le site.</p>'))
      )
      return
    }
    if (path === `${PREFIX}/userinfo` && simulator.tamperUserinfo) forgeUserinfo(response)
    if (path === `${PREFIX}/session/end` && request.method === 'GET') {
      simulator.logouts.push(Object.fromEntries(new URL(request.url!, base).searchParams))
    }
    // Mounted under /api/v2, as FranceConnect's endpoints are.
    Object.assign(request, { originalUrl: request.url })
    request.url = request.url!.slice(PREFIX.length)
    callback(request, response)
  })

  return simulator
}
