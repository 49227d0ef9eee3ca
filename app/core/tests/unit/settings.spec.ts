import { test } from '@japa/runner'
import { setting } from '#core/modules/settings'

test.group('Setting definitions', () => {
  test('a money setting reads euros typed the French or the English way, in cents, and refuses anything else with its reason', ({
    assert,
  }) => {
    const price = setting.money({ default: 285, max: 10_000 })
    assert.deepEqual(price.parse('2,85'), { value: 285 })
    assert.deepEqual(price.parse('2.85'), { value: 285 })
    assert.deepEqual(price.parse(' 3,1 € '), { value: 310 })
    assert.deepEqual(price.parse('3'), { value: 300 })
    assert.deepEqual(price.parse('0'), { value: 0 })
    assert.deepEqual(price.parse('abc'), { error: 'not_money' })
    assert.deepEqual(price.parse(''), { error: 'not_money' })
    assert.deepEqual(price.parse('-3'), { error: 'negative_money' })
    assert.deepEqual(price.parse('1,234'), { error: 'too_many_decimals' })
    assert.deepEqual(price.parse('1,2,3'), { error: 'not_money' })
    assert.deepEqual(price.parse('100,01'), { error: 'too_large_money', params: { max: '100,00' } })
    assert.equal(price.format(310), '3,10')
    assert.equal(price.accept(310), 310)
    assert.isUndefined(price.accept('310'))
    assert.isUndefined(price.accept(-1))
  })

  test('integer, boolean and choice settings read what a form sends and refuse the rest', ({
    assert,
  }) => {
    const days = setting.integer({ default: 30, min: 1, max: 365 })
    assert.deepEqual(days.parse(' 45 '), { value: 45 })
    assert.deepEqual(days.parse('4,5'), { error: 'not_integer' })
    assert.deepEqual(days.parse('0'), { error: 'too_small', params: { min: 1 } })
    assert.deepEqual(days.parse('366'), { error: 'too_large', params: { max: 365 } })
    assert.isUndefined(days.accept(400))
    const on = setting.boolean({ default: false })
    assert.deepEqual(on.parse('1'), { value: true })
    assert.isUndefined(on.accept('true'))
    const mode = setting.choice({ choices: ['mail', 'sms'] as const, default: 'mail' })
    assert.deepEqual(mode.parse('sms'), { value: 'sms' })
    assert.deepEqual(mode.parse('fax'), { error: 'not_a_choice' })
    assert.isUndefined(mode.accept('fax'))
  })
})
