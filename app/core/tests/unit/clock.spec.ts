import { test } from '@japa/runner'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import { Clock, clock } from '#core/clock'
import Service from '#accounts/models/service'

test.group('Clock', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('moved to a Paris wall-clock moment, it keeps ticking from there', async ({ assert }) => {
    clock.travelTo('2026-12-06T16:00')
    assert.equal(clock.local().toFormat('yyyy-MM-dd HH:mm'), '2026-12-06 16:00')
    assert.equal(clock.today(), '2026-12-06')
    const first = clock.nowMs()
    await new Promise((resolve) => setTimeout(resolve, 30))
    assert.isAtLeast(clock.nowMs() - first, 25)
    assert.isBelow(clock.nowMs() - first, 5000)
  })

  test('frozen, it stays put; travel() moves it by a duration', ({ assert }) => {
    clock.travelTo('2027-03-28T01:30', { freeze: true })
    assert.equal(clock.now().toUTC().toISO(), '2027-03-28T00:30:00.000Z')
    clock.travel({ hours: 1 })
    // 01:30 + 1 hour on the night clocks jump from 02:00 to 03:00 is 03:30 in Paris.
    assert.equal(clock.local().toFormat('HH:mm'), '03:30')
    assert.equal(clock.local().offset, 120)
  })

  test('Luxon’s now and the timestamps Lucid writes follow the clock', async ({ assert }) => {
    clock.travelTo('2027-10-31T02:30+02:00', { freeze: true })
    assert.equal(DateTime.now().toMillis(), clock.nowMs())
    const service = await Service.create({ slug: 'horloge', name: 'Horloge', active: true })
    await service.refresh()
    assert.equal(service.createdAt.toUTC().toISO(), '2027-10-31T00:30:00.000Z')
  })

  test('reset() goes back to where the process started, and a moved clock is passed to child processes', ({
    assert,
  }) => {
    const started = clock.isReal
    clock.travelTo('2026-12-31T23:30')
    assert.isFalse(clock.isReal)
    assert.match(clock.environment().PARVIS_NOW, /^2026-12-31T22:3\d/)
    clock.reset()
    assert.equal(clock.isReal, started)
  })

  test('PARVIS_NOW starts a clock at that moment; production refuses it', ({ assert }) => {
    const saved = { now: process.env.PARVIS_NOW, env: process.env.NODE_ENV }
    try {
      process.env.PARVIS_NOW = '2027-09-01T08:00'
      assert.equal(new Clock().local().toFormat('yyyy-MM-dd HH:mm'), '2027-09-01 08:00')
      process.env.NODE_ENV = 'production'
      assert.throws(() => new Clock().now(), /refused in production/)
    } finally {
      process.env.NODE_ENV = saved.env
      if (saved.now === undefined) delete process.env.PARVIS_NOW
      else process.env.PARVIS_NOW = saved.now
    }
  })

  test('a child process that boots slowly still shares the clock it was given', async ({
    assert,
  }) => {
    const saved = { now: process.env.PARVIS_NOW, at: process.env.PARVIS_NOW_AT }
    try {
      clock.travelTo('2026-12-31T23:30')
      Object.assign(process.env, clock.environment())
      // The child reads its clock after booting for a while.
      await new Promise((resolve) => setTimeout(resolve, 300))
      const child = new Clock()
      assert.approximately(child.nowMs(), clock.nowMs(), 100)
    } finally {
      for (const [key, value] of [
        ['PARVIS_NOW', saved.now],
        ['PARVIS_NOW_AT', saved.at],
      ] as const) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
    }
  })

  test('an unreadable moment is refused with an example', ({ assert }) => {
    assert.throws(() => clock.travelTo('dimanche'), /ISO 8601/)
  })
})

/**
 * Every calendar decision goes through the clock: a `DateTime.now()`,
 * `new Date()` or `Date.now()` left in the app or in a test's expectations
 * would make the suite depend on the day it runs again.
 */
test.group('Clock guard', () => {
  test('no code reads the real date except the clock itself', ({ assert }) => {
    const roots = ['app', 'bricks', 'start', 'database', 'config', 'tests']
    const allowed = new Set([
      'app/core/clock.ts',
      // Durations, not dates: waiting for a mail, timing a request.
      'tests/support/smtp.ts',
      // Signed links carry an expiry the framework checks with the real clock.
      'tests/support/signed_links.ts',
      'app/core/tests/unit/clock.spec.ts',
    ])
    const pattern = /DateTime\.(now|local|utc)\(\)|new Date\(\)|Date\.now\(\)/
    const offenders: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) {
          walk(path)
          continue
        }
        const file = relative(app.makePath(), path)
        if (!file.endsWith('.ts') || allowed.has(file)) continue
        readFileSync(path, 'utf8')
          .split('\n')
          .forEach((line, index) => {
            if (pattern.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim()}`)
          })
      }
    }
    for (const root of roots) walk(app.makePath(root))
    assert.deepEqual(
      offenders,
      [],
      `read the clock (#core/clock) instead:\n${offenders.join('\n')}`
    )
  })
})
