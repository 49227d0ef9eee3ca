import { test } from '@japa/runner'
import emitter from '@adonisjs/core/services/emitter'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { emptyDraft } from '#tests/support/factories/demands'

/** Counts the times the residents' guard is asked who is logged in, while `work` runs. */
async function residentGuardAsked(work: () => Promise<void>) {
  let asked = 0
  const listener = (event: { guardName: string }) => {
    if (event.guardName === 'web') asked++
  }
  emitter.on('session_auth:authentication_attempted', listener)
  try {
    await work()
  } finally {
    emitter.off('session_auth:authentication_attempted', listener)
  }
  return asked
}

test.group('A page asks who is logged in (loggedInResident)', () => {
  test('a visitor on a procedure’s start page: the page offers no draft, and the guard is not asked (asked, it builds an exception to say “nobody”)', async ({
    client,
    assert,
  }) => {
    const asked = await residentGuardAsked(async () => {
      const page = await client.get('/demarches/demande-essai')
      page.assertStatus(200)
      assert.notInclude(page.text(), 'Vous avez déjà commencé cette démarche')
    })
    assert.equal(asked, 0)
  })

  test('a resident on the same page is known: their draft is offered', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    await emptyDraft(resident)
    const asked = await residentGuardAsked(async () => {
      const page = await client.get('/demarches/demande-essai').loginAs(resident)
      page.assertStatus(200)
      page.assertTextIncludes('Vous avez déjà commencé cette démarche')
    })
    assert.isAbove(asked, 0)
  })

  test('an agent’s session holds no resident: the agent sees the page as a visitor does', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent()
    const asked = await residentGuardAsked(async () => {
      const page = await client.get('/demarches/demande-essai').withGuard('agent').loginAs(agent)
      page.assertStatus(200)
      assert.notInclude(page.text(), 'Vous avez déjà commencé cette démarche')
    })
    assert.equal(asked, 0)
  })
})
