import { readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { appUrlFrom } from '#config/parvis'
import { demoBanner } from '#core/demo/demo_city'

test.group('The portal’s public address (APP_URL)', () => {
  test('without APP_URL, links follow the HOST and PORT the server listens on', ({ assert }) => {
    assert.equal(appUrlFrom({ HOST: 'localhost', PORT: 4123 }), 'http://localhost:4123')
    assert.equal(appUrlFrom({ HOST: '127.0.0.1', PORT: '8080' }), 'http://127.0.0.1:8080')
    assert.equal(
      appUrlFrom({ APP_URL: '', HOST: 'localhost', PORT: 4123 }),
      'http://localhost:4123',
      'an empty APP_URL is no APP_URL'
    )
    assert.equal(
      appUrlFrom({}),
      'http://localhost:3333',
      'AdonisJS listens on 3333 when PORT is unset'
    )
  })

  test('a server listening on every interface is linked to by name, an IPv6 address in brackets', ({
    assert,
  }) => {
    assert.equal(appUrlFrom({ HOST: '0.0.0.0', PORT: 4000 }), 'http://localhost:4000')
    assert.equal(appUrlFrom({ HOST: '::', PORT: 4000 }), 'http://localhost:4000')
    assert.equal(appUrlFrom({ HOST: '::1', PORT: 4000 }), 'http://[::1]:4000')
    assert.equal(appUrlFrom({ HOST: 'localhost', PORT: 80 }), 'http://localhost')
  })

  test('APP_URL, when set, wins, without its trailing slash', ({ assert }) => {
    assert.equal(
      appUrlFrom({ APP_URL: 'https://demarches.ville.example/', HOST: 'localhost', PORT: 4123 }),
      'https://demarches.ville.example'
    )
    assert.equal(
      appUrlFrom({ APP_URL: 'https://ville.example/portail//', PORT: 4123 }),
      'https://ville.example/portail'
    )
  })

  test('the .env written on a fresh clone does not pin APP_URL', ({ assert }) => {
    const template = readFileSync(app.makePath('.env.example'), 'utf8')
    assert.notMatch(template, /^APP_URL=/m)
  })
})

test.group('The start banner', () => {
  test('says mails are kept for admins only when no SMTP server is set', ({ assert }) => {
    const without = Object.fromEntries(demoBanner({ appUrl: 'http://localhost:4123', smtp: null }))
    assert.equal(without['Mails (no SMTP set)'], 'http://localhost:4123/agents/admin/mails')
    assert.equal(without['Portal'], 'http://localhost:4123/')

    const withSmtp = Object.fromEntries(
      demoBanner({
        appUrl: 'http://localhost:4123',
        smtp: { host: 'smtp.ville.example', port: 587 },
      })
    )
    assert.notProperty(withSmtp, 'Mails (no SMTP set)')
    assert.include(withSmtp['Mails'], 'smtp.ville.example:587')
  })
})
