import { spawnSync } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import { test } from '@japa/runner'

test.group('Thin controllers', () => {
  test('no controller method of the core or the bricks is longer than 15 lines (bin/controller_methods.js)', ({
    assert,
  }) => {
    const run = spawnSync(process.execPath, ['bin/controller_methods.js', '15'], {
      cwd: app.makePath(),
      encoding: 'utf8',
    })
    assert.match(run.stdout, /^0 of \d+ controller methods exceed 15 lines/m, run.stdout)
    assert.equal(run.status, 0)
  })

  test('the measure finds a long method: with a limit of 5 lines, some exceed it', ({ assert }) => {
    const run = spawnSync(process.execPath, ['bin/controller_methods.js', '5'], {
      cwd: app.makePath(),
      encoding: 'utf8',
    })
    assert.notEqual(run.status, 0)
    assert.match(run.stdout, /^[1-9]\d* of \d+ controller methods exceed 5 lines/m)
  })
})
