import { test } from '@japa/runner'
import { postgresHost } from '#core/database/postgres_host'

test.group('DB_HOST', () => {
  test('takes a host name, an IP address or the absolute directory of a Unix socket', ({
    assert,
  }) => {
    assert.equal(postgresHost('DB_HOST', 'db.ville.example'), 'db.ville.example')
    assert.equal(postgresHost('DB_HOST', '127.0.0.1'), '127.0.0.1')
    assert.equal(postgresHost('DB_HOST', '/var/run/postgresql'), '/var/run/postgresql')
    assert.isUndefined(postgresHost('DB_HOST', undefined))
  })

  test('refuses what is neither, naming the variable', ({ assert }) => {
    assert.throws(() => postgresHost('DB_HOST', 'var/run/postgresql'), /DB_HOST/)
    assert.throws(() => postgresHost('DB_HOST', 'not a host!'), /DB_HOST/)
  })
})
