import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#accounts/models/user'
import parvisConfig from '#config/parvis'
import { Visitor } from '#tests/support/visitor'
import { createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import {
  ANGELA,
  KARIM,
  franceConnectFor,
  follow,
  logInWithFranceConnect,
  throughFranceConnect,
} from '#tests/support/franceconnect'

type Provider = Awaited<ReturnType<typeof franceConnectFor>>

async function loggedInSessions() {
  return db.from('sessions').whereNotNull('user_id').select('id', 'user_id')
}

/** The portal's own verdict on this browser: its space opens, or it is sent to the login page. */
async function spaceOf(visitor: Visitor) {
  const answer = await visitor.get('/mon-espace')
  return answer.status === 200 ? 'logged in' : `${answer.status} ${answer.location}`
}

test.group('FranceConnect login', (group) => {
  let provider: Provider
  group.each.setup(async () => {
    provider = await franceConnectFor()
    return () => provider.stop()
  })

  test('a first login creates the account with the identity FranceConnect certifies, locked in the profile', async ({
    assert,
  }) => {
    const visitor = new Visitor()
    const back = await logInWithFranceConnect(visitor, provider.simulator)
    assert.equal(back.status, 303)
    assert.equal(back.location, '/mon-espace')
    assert.equal(await spaceOf(visitor), 'logged in')

    const user = await User.findByOrFail('email', ANGELA.email)
    assert.equal(user.firstName, 'Angela Claire Louise')
    assert.equal(user.lastName, 'DUBOIS')
    assert.equal(user.birthDate?.toISODate(), '1962-08-24')
    assert.equal(user.franceconnectSub, ANGELA.sub)
    assert.isTrue(user.isVerified)

    const profile = await visitor.get('/mon-espace/profil')
    assert.include(profile.text, 'Identité vérifiée par FranceConnect')
    assert.match(
      profile.text,
      /id="firstName" name="firstName" value="Angela Claire Louise"\s+required\s+readonly/
    )

    // The profile form refuses a new name or birth date, and saves the rest once they are left alone.
    const changed = await visitor.post('/mon-espace/profil', {
      firstName: 'Angèle',
      lastName: 'DUBOIS',
      birthDate: '1962-08-24',
      locale: 'fr',
      city: 'Évry',
    })
    assert.equal(changed.status, 302)
    await user.refresh()
    assert.equal(user.firstName, 'Angela Claire Louise')
    assert.isNull(user.city)
    const shown = await visitor.get('/mon-espace/profil')
    assert.include(shown.text, 'Votre identité est vérifiée par FranceConnect')

    const kept = await visitor.post('/mon-espace/profil', {
      firstName: 'Angela Claire Louise',
      lastName: 'DUBOIS',
      birthDate: '1962-08-24',
      locale: 'fr',
      city: 'Évry',
    })
    assert.equal(kept.status, 303)
    await user.refresh()
    assert.equal(user.city, 'Évry')
  })

  test('a returning resident is logged into the account of their sub, with the nom d’usage as name', async ({
    assert,
  }) => {
    await logInWithFranceConnect(new Visitor(), provider.simulator, { identity: KARIM.sub })
    const again = new Visitor()
    const back = await logInWithFranceConnect(again, provider.simulator, { identity: KARIM.sub })
    assert.equal(back.location, '/mon-espace')
    assert.equal(await spaceOf(again), 'logged in')
    const users = await User.query().where('franceconnectSub', KARIM.sub)
    assert.lengthOf(users, 1)
    assert.equal(users[0].lastName, 'MARTIN')
    assert.equal(users[0].firstName, 'Karim')
  })

  test('a key FranceConnect rotated in between two logins is read from its JWKS', async ({
    assert,
  }) => {
    const first = await logInWithFranceConnect(new Visitor(), provider.simulator)
    assert.equal(first.location, '/mon-espace')
    provider.simulator.rotateKey()
    const visitor = new Visitor()
    const second = await logInWithFranceConnect(visitor, provider.simulator)
    assert.equal(second.location, '/mon-espace')
    assert.equal(await spaceOf(visitor), 'logged in')
  })

  test('a userinfo whose payload was changed after signing ends on a French error page, nobody logged in', async ({
    assert,
  }) => {
    provider.simulator.tamperUserinfo = true
    const visitor = new Visitor()
    const back = await logInWithFranceConnect(visitor, provider.simulator)
    assert.equal(back.status, 400)
    assert.include(back.text, 'La connexion avec FranceConnect n’a pas abouti')
    assert.include(back.text, 'n’a pas pu être vérifiée')
    assert.equal(await spaceOf(visitor), '302 /connexion')
    assert.isNull(await User.findBy('email', ANGELA.email))
    assert.isEmpty(await loggedInSessions())
  })

  test('an ID token carrying another nonce than the one this browser sent is refused', async ({
    assert,
  }) => {
    const visitor = new Visitor()
    const back = await logInWithFranceConnect(visitor, provider.simulator, {
      authorize: (url) =>
        url.searchParams.set('nonce', 'a-nonce-this-browser-never-sent-0123456789'),
    })
    assert.equal(back.status, 400)
    assert.include(back.text, 'n’a pas pu être vérifiée')
    assert.equal(await spaceOf(visitor), '302 /connexion')
    assert.isNull(await User.findBy('email', ANGELA.email))
    assert.isEmpty(await loggedInSessions())
  })

  test('a callback carrying another state than the one this browser sent is refused', async ({
    assert,
  }) => {
    const visitor = new Visitor()
    const back = await logInWithFranceConnect(visitor, provider.simulator, {
      callback: (url) => url.searchParams.set('state', 'forged-state'),
    })
    assert.equal(back.status, 400)
    assert.include(back.text, 'La connexion avec FranceConnect n’a pas abouti')
    assert.equal(await spaceOf(visitor), '302 /connexion')
    assert.isNull(await User.findBy('email', ANGELA.email))
    assert.isEmpty(await loggedInSessions())
  })

  test('a resident who cancels on FranceConnect comes back to a French error page, nobody logged in', async ({
    assert,
  }) => {
    const visitor = new Visitor()
    const back = await logInWithFranceConnect(visitor, provider.simulator, { action: 'cancel' })
    assert.include(back.url, 'error=access_denied')
    assert.equal(back.status, 400)
    assert.include(back.text, 'La connexion a été annulée ou refusée sur FranceConnect')
    assert.equal(await spaceOf(visitor), '302 /connexion')
    assert.isEmpty(await loggedInSessions())
  })

  test('a callback nobody started (or replayed) is refused', async ({ assert }) => {
    const visitor = new Visitor()
    const back = await logInWithFranceConnect(visitor, provider.simulator)
    assert.equal(back.status, 303)
    const replayed = await visitor.get(back.url)
    assert.equal(replayed.status, 400)
    assert.include(replayed.text, 'La connexion a expiré')
  })

  test('an identity whose e-mail is another account’s does not log into it', async ({ assert }) => {
    const owner = await createResident({
      email: ANGELA.email,
      firstName: 'Angela',
      lastName: 'Dubois',
    })
    const visitor = new Visitor()
    const back = await logInWithFranceConnect(visitor, provider.simulator)
    assert.equal(back.status, 409)
    assert.include(back.text, 'Un compte existe déjà avec cette adresse')
    assert.include(back.text, 'Se connecter avec mon mot de passe')
    assert.isEmpty(await loggedInSessions())
    await owner.refresh()
    assert.isNull(owner.franceconnectSub)
    assert.lengthOf(await User.query().where('email', ANGELA.email), 1)

    // The owner logs in with their password and lands where they can link FranceConnect.
    const login = await visitor.submit('/connexion', '/connexion', {
      email: ANGELA.email,
      password: GOOD_PASSWORD,
    })
    assert.equal(login.location, '/mon-espace/profil/franceconnect')
  })

  test('logging out of a FranceConnect session goes through FranceConnect’s end-session endpoint', async ({
    assert,
  }) => {
    const visitor = new Visitor()
    await logInWithFranceConnect(visitor, provider.simulator)
    await visitor.get('/mon-espace')
    const logout = await visitor.post('/deconnexion')
    assert.equal(logout.status, 303)
    const endSession = new URL(logout.location!)
    assert.equal(
      endSession.origin + endSession.pathname,
      `${provider.simulator.issuer}/session/end`
    )
    assert.match(endSession.searchParams.get('id_token_hint') ?? '', /^[\w-]+\.[\w-]+\.[\w-]+$/)
    assert.equal(
      endSession.searchParams.get('post_logout_redirect_uri'),
      `${parvisConfig.appUrl}/franceconnect/deconnexion/retour`
    )
    assert.isEmpty(await loggedInSessions())

    // FranceConnect asks, the resident confirms, and is sent back to the portal.
    const page = await visitor.get(endSession.href)
    assert.include(page.text, 'Se déconnecter de FranceConnect')
    const action = page.text.match(/<form[^>]*action="([^"]+)"/)![1]
    const xsrf = page.text.match(/name="xsrf" value="([^"]+)"/)![1]
    const confirmed = await visitor.post(action, { xsrf, logout: 'yes' })
    assert.equal(confirmed.status, 303)
    assert.include(confirmed.location!, '/franceconnect/deconnexion/retour')
    const home = await follow(visitor, {
      url: action,
      status: confirmed.status,
      location: confirmed.location,
      text: confirmed.text,
    })
    assert.include(home.text, 'Vous êtes déconnecté du portail et de FranceConnect')
    assert.lengthOf(provider.simulator.logouts, 1)
  })

  test('a password login ends nowhere but the portal', async ({ assert }) => {
    await createResident({ email: 'claire@example.org' })
    const visitor = new Visitor()
    await visitor.submit('/connexion', '/connexion', {
      email: 'claire@example.org',
      password: GOOD_PASSWORD,
    })
    await visitor.get('/mon-espace')
    const logout = await visitor.post('/deconnexion')
    assert.equal(logout.location, '/')
  })
})

test.group('Linking FranceConnect to an existing account', (group) => {
  let provider: Provider
  group.each.setup(async () => {
    provider = await franceConnectFor()
    return () => provider.stop()
  })

  test('linking asks for the password first, then takes the identity FranceConnect certifies', async ({
    assert,
  }) => {
    const user = await createResident({ email: 'angela@example.org', firstName: 'Angie' })
    const visitor = new Visitor()
    await visitor.submit('/connexion', '/connexion', { email: user.email, password: GOOD_PASSWORD })

    const wrong = await visitor.submit(
      '/mon-espace/profil/franceconnect',
      '/mon-espace/profil/franceconnect',
      {
        currentPassword: 'not the password at all',
      }
    )
    assert.equal(wrong.status, 302)
    assert.notInclude(wrong.location ?? '', provider.simulator.issuer)
    const again = await visitor.get('/mon-espace/profil/franceconnect')
    assert.include(again.text, 'Mot de passe incorrect')

    const right = await visitor.post('/mon-espace/profil/franceconnect', {
      currentPassword: GOOD_PASSWORD,
    })
    const linked = await throughFranceConnect(
      visitor,
      { url: '/mon-espace/profil/franceconnect', ...right },
      provider.simulator
    )
    assert.equal(linked.location, '/mon-espace/profil/franceconnect')
    await user.refresh()
    assert.equal(user.franceconnectSub, ANGELA.sub)
    assert.equal(user.firstName, 'Angela Claire Louise')
    assert.equal(user.email, 'angela@example.org')
    const page = await visitor.get('/mon-espace/profil/franceconnect')
    assert.include(page.text, 'Votre compte est lié à FranceConnect')

    // From then on, FranceConnect logs into this account.
    const other = new Visitor()
    const back = await logInWithFranceConnect(other, provider.simulator)
    assert.equal(back.location, '/mon-espace')
    assert.equal(await spaceOf(other), 'logged in')
    assert.lengthOf(await User.query().where('franceconnectSub', ANGELA.sub), 1)

    // Unlinking gives the identity back to the resident.
    await visitor.get('/mon-espace/profil/franceconnect')
    const unlinked = await visitor.post('/mon-espace/profil/franceconnect/supprimer')
    assert.equal(unlinked.status, 303)
    await user.refresh()
    assert.isNull(user.franceconnectSub)
    assert.notInclude((await visitor.get('/mon-espace/profil')).text, 'readonly')
  })

  test('an identity already linked to another account cannot be linked a second time', async ({
    assert,
  }) => {
    await logInWithFranceConnect(new Visitor(), provider.simulator)
    const user = await createResident({ email: 'second@example.org' })
    const visitor = new Visitor()
    await visitor.submit('/connexion', '/connexion', { email: user.email, password: GOOD_PASSWORD })
    await visitor.get('/mon-espace/profil/franceconnect')
    const right = await visitor.post('/mon-espace/profil/franceconnect', {
      currentPassword: GOOD_PASSWORD,
    })
    const back = await throughFranceConnect(
      visitor,
      { url: '/mon-espace/profil/franceconnect', ...right },
      provider.simulator
    )
    assert.equal(back.status, 400)
    assert.include(back.text, 'déjà liée à un autre compte')
    await user.refresh()
    assert.isNull(user.franceconnectSub)
  })
})
