import { test } from '@japa/runner'
import {
  buildForProduction,
  CookieJar,
  csrfToken,
  productionInstall,
  type ProductionInstall,
} from '#tests/support/production'

const PASSWORD = 'Verre-Clair-Lanterne-42'

test.group('A fresh production install', (group) => {
  // What runs here runs in production mode, where the app refuses a moved clock:
  // CI's fixed-moment run leaves it out (.ci/run, --tags='~@production').
  group.tap((each) => each.tags(['@production'], 'append'))
  let install: ProductionInstall | null = null
  group.each.teardown(async () => {
    await install?.stop()
    install = null
  })

  test('build, migrate, parvis:admin, follow the link and choose a password: the admin is logged in', async ({
    assert,
  }) => {
    await buildForProduction()
    install = await productionInstall('install_test')

    const migrate = install.ace(['migration:run', '--force'])
    assert.equal(migrate.status, 0, migrate.stderr)

    // No demo and no account in production: the command is the only way in.
    const admin = install.ace(['parvis:admin', 'maire@ville.example'])
    assert.equal(admin.status, 0, admin.stderr)
    const link = admin.stdout.trim().split('\n').pop()!
    assert.match(link, new RegExp(`^${install.url}/agents/mot-de-passe/\\d+\\?`))

    await install.startServer()
    const browser = new CookieJar()
    const form = await browser.fetch(link)
    assert.equal(form.status, 200)
    const chosen = await browser.fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrfToken(await form.text()),
        password: PASSWORD,
        passwordConfirmation: PASSWORD,
      }).toString(),
    })
    assert.equal(chosen.status, 303)
    assert.equal(chosen.headers.get('location'), '/agents/connexion')

    // The link worked once.
    assert.equal((await browser.fetch(link)).status, 400)

    const login = await browser.fetch(`${install.url}/agents/connexion`)
    const loggedIn = await browser.fetch(`${install.url}/agents/connexion`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrfToken(await login.text()),
        email: 'maire@ville.example',
        password: PASSWORD,
      }).toString(),
    })
    assert.equal(loggedIn.status, 303)
    const adminPage = await browser.fetch(`${install.url}/agents/admin/agents`)
    assert.equal(adminPage.status, 200)
    assert.include(await adminPage.text(), 'maire@ville.example')

    // The services the modules need were created at the first start.
    const services = await browser.fetch(`${install.url}/agents/admin/services`)
    const page = await services.text()
    for (const name of ['Accueil', 'Finances', 'État civil', 'Enfance']) assert.include(page, name)
  }).timeout(600_000)

  test('parvis:doctor says what a production install still lacks, and exits 1 while it does', async ({
    assert,
  }) => {
    await buildForProduction()
    install = await productionInstall('doctor_test', { APP_URL: '' })
    const before = install.ace(['parvis:doctor', '--lang=en'])
    assert.equal(before.status, 1)
    assert.include(before.stdout, 'have not run: run "node ace migration:run --force"')
    assert.include(before.stdout, 'APP_URL is not set')
    assert.include(before.stdout, 'No SMTP server (SMTP_HOST)')
    assert.include(before.stdout, 'the PayFiP simulator answers')

    assert.equal(install.ace(['migration:run', '--force']).status, 0)
    const french = install.ace(['parvis:doctor'])
    assert.include(french.stdout, 'Le schéma de la base est à jour.')
    assert.include(french.stdout, 'Le service « accueil » (module demands) n’existe pas')
  }).timeout(600_000)
})
