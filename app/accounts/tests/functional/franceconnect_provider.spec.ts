import { test } from '@japa/runner'
import parvisConfig from '#config/parvis'
import { identityFromClaims } from '#accounts/franceconnect/identity'
import { Visitor } from '#tests/support/visitor'
import { ANGELA, franceConnectFor, logInWithFranceConnect } from '#tests/support/franceconnect'

type Provider = Awaited<ReturnType<typeof franceConnectFor>>

/** A JSON document of the provider (its discovery document, its JWKS). */
async function json(url: string): Promise<any> {
  return (await fetch(url)).json()
}

function decode(part: string) {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
}

test.group('The local FranceConnect answers like FranceConnect v2', (group) => {
  let provider: Provider
  group.each.setup(async () => {
    provider = await franceConnectFor()
    return () => provider.stop()
  })

  test('its discovery document lists the /api/v2 endpoints, eidas1, ES256 and FranceConnect’s scopes', async ({
    assert,
  }) => {
    const issuer = provider.simulator.issuer
    assert.match(issuer, /^http:\/\/127\.0\.0\.1:\d+\/api\/v2$/)
    const discovery = await json(`${issuer}/.well-known/openid-configuration`)
    assert.equal(discovery.issuer, issuer)
    assert.equal(discovery.authorization_endpoint, `${issuer}/authorize`)
    assert.equal(discovery.token_endpoint, `${issuer}/token`)
    assert.equal(discovery.userinfo_endpoint, `${issuer}/userinfo`)
    assert.equal(discovery.jwks_uri, `${issuer}/jwks`)
    assert.equal(discovery.end_session_endpoint, `${issuer}/session/end`)
    assert.deepEqual(discovery.acr_values_supported, ['eidas1'])
    assert.include(discovery.response_types_supported, 'code')
    assert.include(discovery.id_token_signing_alg_values_supported, 'ES256')
    assert.include(discovery.userinfo_signing_alg_values_supported, 'ES256')
    for (const scope of [
      'openid',
      'given_name',
      'family_name',
      'birthdate',
      'gender',
      'birthplace',
      'birthcountry',
      'email',
      'preferred_username',
      'identite_pivot',
    ])
      assert.include(discovery.scopes_supported, scope)

    const jwks = await json(discovery.jwks_uri)
    assert.lengthOf(jwks.keys, 1)
    assert.equal(jwks.keys[0].kty, 'EC')
    assert.equal(jwks.keys[0].crv, 'P-256')
    assert.isString(jwks.keys[0].kid)
    assert.notProperty(jwks.keys[0], 'd')
  })

  test('the portal asks with state, nonce, eidas1 and FranceConnect’s claims; the ID token it keeps is signed ES256', async ({
    assert,
  }) => {
    const visitor = new Visitor()
    await visitor.get('/connexion')
    const start = await visitor.get('/franceconnect/connexion')
    const authorize = new URL(start.location!)
    assert.equal(authorize.origin + authorize.pathname, `${provider.simulator.issuer}/authorize`)
    assert.equal(authorize.searchParams.get('response_type'), 'code')
    assert.equal(authorize.searchParams.get('client_id'), provider.simulator.clientId)
    assert.equal(
      authorize.searchParams.get('redirect_uri'),
      `${parvisConfig.appUrl}/franceconnect/retour`
    )
    assert.equal(authorize.searchParams.get('acr_values'), 'eidas1')
    assert.isAtLeast(authorize.searchParams.get('state')!.length, 32)
    assert.isAtLeast(authorize.searchParams.get('nonce')!.length, 32)
    assert.includeMembers(authorize.searchParams.get('scope')!.split(' '), [
      'openid',
      'given_name',
      'family_name',
      'birthdate',
      'gender',
      'birthplace',
      'birthcountry',
      'email',
    ])

    const back = await logInWithFranceConnect(visitor, provider.simulator)
    assert.equal(back.location, '/mon-espace')
    await visitor.get('/mon-espace')
    const logout = await visitor.post('/deconnexion')
    const idToken = new URL(logout.location!).searchParams.get('id_token_hint')!
    const [header, payload] = idToken.split('.')
    const jwks = await json(`${provider.simulator.issuer}/jwks`)
    assert.equal(decode(header).alg, 'ES256')
    assert.equal(decode(header).kid, jwks.keys[0].kid)
    assert.equal(decode(payload).acr, 'eidas1')
    assert.equal(decode(payload).aud, provider.simulator.clientId)
    assert.equal(decode(payload).iss, provider.simulator.issuer)
    assert.equal(decode(payload).sub, ANGELA.sub)
    assert.isString(decode(payload).nonce)
  })
})

test.group('FranceConnect identity', () => {
  test('the claims become the portal’s identity, the nom d’usage as name when given', ({
    assert,
  }) => {
    const identity = identityFromClaims({ ...ANGELA, preferred_username: 'MARTIN' })
    assert.equal(identity.firstName, 'Angela Claire Louise')
    assert.equal(identity.lastName, 'MARTIN')
    assert.equal(identity.birthName, 'DUBOIS')
    assert.equal(identity.birthDate, '1962-08-24')
    assert.equal(identity.birthplace, '75107')
    assert.equal(identity.birthcountry, '99100')
  })

  test('an identity without a name or with a birth date not in YYYY-MM-DD is refused', ({
    assert,
  }) => {
    assert.throws(() => identityFromClaims({ ...ANGELA, birthdate: '24/08/1962' }))
    assert.throws(() => identityFromClaims({ ...ANGELA, family_name: '' }))
    assert.throws(() => identityFromClaims({ ...ANGELA, sub: undefined }))
  })
})
