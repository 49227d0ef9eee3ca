import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { sessionLifetimes } from '#config/session'
import { DatabaseSessionStore } from '#accounts/services/session_store'
import parvisConfig from '#config/parvis'
import { mailbox } from '#tests/support/smtp'
import { Visitor } from '#tests/support/visitor'
import { createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'

const SESSION = 'parvis_session'
const NEW_PASSWORD = 'le jardin des plantes en hiver'

/** A resident logged in through the real login form, in a browser of their own. */
async function loggedInResident(email: string) {
  const visitor = new Visitor()
  const login = await visitor.submit('/connexion', '/connexion', { email, password: GOOD_PASSWORD })
  if (login.location !== '/mon-espace')
    throw new Error(`login of ${email} failed: ${login.status} ${login.location}`)
  return visitor
}

async function sessionRows() {
  return db.from('sessions').select('id', 'user_id', 'agent_id')
}

test.group('Resident sessions', () => {
  test('cookies replayed after logout get the login page', async ({ assert }) => {
    await createResident({ email: 'marie@example.org' })
    const visitor = await loggedInResident('marie@example.org')
    const saved = visitor.saveCookies()
    assert.equal((await visitor.get('/mon-espace')).status, 200)
    assert.lengthOf(
      (await sessionRows()).filter((row) => row.user_id !== null),
      1
    )

    const logout = await visitor.post('/deconnexion')
    assert.equal(logout.status, 303)
    // The session is gone from the server, not just forgotten by the browser.
    assert.isEmpty((await sessionRows()).filter((row) => row.user_id !== null))

    const replayed = await Visitor.replaying(saved).get('/mon-espace')
    assert.equal(replayed.status, 302)
    assert.equal(replayed.location, '/connexion')
  })

  test('cookies replayed after a password reset get the login page, on every device', async ({
    assert,
  }) => {
    const user = await createResident({ email: 'oubli@example.org' })
    const phone = await loggedInResident('oubli@example.org')
    const computer = await loggedInResident('oubli@example.org')
    assert.lengthOf(
      (await sessionRows()).filter((row) => row.user_id === user.id),
      2
    )

    const other = new Visitor()
    await other.submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', {
      email: 'oubli@example.org',
    })
    const link = new URL(
      mailbox.linkIn(
        await mailbox.waitFor('oubli@example.org', /nouveau mot de passe/),
        '/mot-de-passe-oublie/'
      )
    )
    const reset = await other.submit(link.pathname + link.search, link.pathname + link.search, {
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    })
    assert.equal(reset.location, '/connexion')

    for (const device of [phone, computer]) {
      const replayed = await device.get('/mon-espace')
      assert.equal(replayed.status, 302)
      assert.equal(replayed.location, '/connexion')
    }
    assert.isEmpty((await sessionRows()).filter((row) => row.user_id === user.id))
  })

  test('a session idle past its timeout is gone', async ({ assert }) => {
    await createResident({ email: 'idle@example.org' })
    const visitor = await loggedInResident('idle@example.org')
    clock.travel({ seconds: sessionLifetimes.idleMs / 1000 - 60 })
    assert.equal(
      (await visitor.get('/mon-espace')).status,
      200,
      'a request just before the timeout keeps the session'
    )
    clock.travel({ seconds: sessionLifetimes.idleMs / 1000 - 60 })
    assert.equal(
      (await visitor.get('/mon-espace')).status,
      200,
      'the timeout counts from the last request'
    )

    clock.travel({ seconds: sessionLifetimes.idleMs / 1000 + 1 })
    const idle = await visitor.get('/mon-espace')
    assert.equal(idle.status, 302)
    assert.equal(idle.location, '/connexion')
    assert.isEmpty(
      (await sessionRows()).filter((row) => row.user_id !== null),
      'the expired row is deleted when read'
    )
  })

  test('a session in use still ends at its absolute lifetime after login', async ({ assert }) => {
    await createResident({ email: 'busy@example.org' })
    const visitor = await loggedInResident('busy@example.org')
    const step = Math.min(sessionLifetimes.idleMs / 2, 3_600_000)
    let elapsed = 0
    while (elapsed + step < sessionLifetimes.absoluteMs) {
      clock.travel({ seconds: step / 1000 })
      elapsed += step
      assert.equal(
        (await visitor.get('/mon-espace')).status,
        200,
        `still logged in after ${elapsed / 3_600_000} h of activity`
      )
    }
    clock.travel({ seconds: (sessionLifetimes.absoluteMs - elapsed) / 1000 + 1 })
    const ended = await visitor.get('/mon-espace')
    assert.equal(ended.location, '/connexion')
  })

  test('expired sessions are deleted from the store when new ones open', async ({ assert }) => {
    await createResident({ email: 'a@example.org' })
    await createResident({ email: 'b@example.org' })
    await loggedInResident('a@example.org')
    await loggedInResident('b@example.org')
    assert.lengthOf(
      (await sessionRows()).filter((row) => row.user_id !== null),
      2
    )

    clock.travel({ seconds: sessionLifetimes.idleMs / 1000 + 15 * 60 })
    // A newcomer's first form page opens a session; nobody reads the two expired ones again.
    assert.equal((await new Visitor().get('/connexion')).status, 200)
    const rows = await sessionRows()
    assert.lengthOf(rows, 1)
    assert.isNull(rows[0].user_id)
  })

  test('a cookie naming a session the server does not have is not adopted', async ({ assert }) => {
    await createResident({ email: 'marie@example.org' })
    const visitor = await loggedInResident('marie@example.org')
    const saved = visitor.saveCookies()
    await visitor.post('/deconnexion')

    const replay = Visitor.replaying(saved)
    await replay.get('/connexion')
    assert.notEqual(replay.cookie(SESSION), saved.get(SESSION), 'a new session id is issued')
  })

  test('the store reads only the session the request carries: an id made up for a first visit is never looked up', async ({
    assert,
  }) => {
    const now = clock.nowMs()
    await db.table('sessions').insert({
      id: 'id-in-the-table',
      data: JSON.stringify({ seen: true }),
      created_at: now,
      expires_at: now + 60_000,
    })
    // A first visit: the request carries no id, the session made one up.
    const firstVisit = new DatabaseSessionStore(db.connection(), sessionLifetimes, () => undefined)
    assert.isNull(await firstVisit.read('id-in-the-table'))
    // A returning visitor whose cookie carries that id.
    const returning = new DatabaseSessionStore(
      db.connection(),
      sessionLifetimes,
      () => 'id-in-the-table'
    )
    assert.deepEqual(await returning.read('id-in-the-table'), { seen: true })
  })

  test('logged-in pages are not kept by caches, content pages read anonymously are cacheable', async ({
    assert,
  }) => {
    await createResident({ email: 'marie@example.org' })
    const visitor = await loggedInResident('marie@example.org')
    for (const path of ['/mon-espace', '/mon-espace/profil', '/']) {
      const page = await visitor.get(path)
      assert.equal(page.status, 200, path)
      assert.equal(page.headers.get('cache-control'), 'no-store', path)
    }
    const anonymous = await new Visitor().get('/')
    assert.isNull(anonymous.headers.get('cache-control'))
    assert.isNull(anonymous.headers.get('set-cookie'))
  })

  test('calls from other machines (payment notification, health probe) open no session', async ({
    assert,
  }) => {
    const calls: [string, RequestInit][] = [
      [
        '/paiement/notification',
        { method: 'POST', body: new URLSearchParams({ idop: 'inconnu' }) },
      ],
      ['/health', {}],
    ]
    for (const [path, init] of calls) {
      const response = await fetch(new URL(path, parvisConfig.appUrl), init)
      assert.isBelow(response.status, 500, path)
      assert.isNull(response.headers.get('set-cookie'), `${path} set a cookie`)
    }
    assert.lengthOf(await sessionRows(), 0)
  })
})
