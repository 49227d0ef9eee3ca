import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { formatReference, nextReference } from '#demands/services/reference'

test.group('Demand references', () => {
  test('references read PREFIX-year-six digits and follow each other', async ({ assert }) => {
    const first = await nextReference()
    const second = await nextReference()
    assert.match(first, /^PRV-\d{4}-000001$/)
    assert.match(second, /^PRV-\d{4}-000002$/)
  })

  test('each year starts again at 1, by the Paris calendar', async ({ assert }) => {
    const newYearsEveInParis = DateTime.fromISO('2026-12-31T23:30:00Z') // already 2027 in Paris
    assert.equal(await nextReference(db.connection(), newYearsEveInParis), 'PRV-2027-000001')
    assert.equal(
      await nextReference(db.connection(), DateTime.fromISO('2026-06-01T10:00:00Z')),
      'PRV-2026-000001'
    )
    assert.equal(
      await nextReference(db.connection(), DateTime.fromISO('2027-03-01T10:00:00Z')),
      'PRV-2027-000002'
    )
  })

  test('200 submissions in parallel, each in its own transaction, get 200 distinct references', async ({
    assert,
  }) => {
    const references = await Promise.all(
      Array.from({ length: 200 }, () => db.transaction((trx) => nextReference(trx)))
    )
    assert.equal(new Set(references).size, 200)
  })

  test('a rolled-back submission leaves a gap, never a duplicate', async ({ assert }) => {
    const kept = await db.transaction((trx) => nextReference(trx))
    const trx = await db.transaction()
    await nextReference(trx)
    await trx.rollback()
    const next = await db.transaction((client) => nextReference(client))
    assert.notEqual(next, kept)
    assert.isAbove(Number(next.slice(-6)), Number(kept.slice(-6)))
  })

  test('numbers past 999,999 keep growing instead of wrapping', ({ assert }) => {
    assert.equal(formatReference('PRV', 2026, 1234567), 'PRV-2026-1234567')
  })
})
