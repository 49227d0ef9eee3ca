import { test } from '@japa/runner'
import { clock } from '#core/clock'
import { mailbox } from '#tests/support/smtp'
import { fileOtv, inDays, town } from '../support.js'

const HOME = '/police-municipale/tranquillite-vacances'

test.group('OTV managed without an account, through the receipt mail’s signed link', (group) => {
  group.each.setup(() => {
    clock.travelTo('2027-07-01T10:00:00', { freeze: true })
    return () => {
      clock.reset()
    }
  })

  test('the receipt mail carries the link; it lets this browser cancel before departure, and nothing opens without it', async ({
    client,
    assert,
  }) => {
    await town()
    const { demand, absence } = await fileOtv({ email: 'sans-compte@example.org' })
    const mail = await mailbox.waitFor('sans-compte@example.org', new RegExp(demand.reference!))
    assert.include(mail.text!, 'Voir, changer ou annuler votre déclaration d’absence')
    const link = new URL(mailbox.linkIn(mail, `${HOME}/gerer/`))

    const stranger = await client.get(`${HOME}/${absence.id}`)
    stranger.assertStatus(404)
    const forged = await client.get(`${HOME}/gerer/${demand.reference}?signature=forged.sig`)
    forged.assertStatus(404)
    const otherReference = await client.get(
      `${link.pathname.replace(demand.reference!, 'PRV-0000-000000')}${link.search}`
    )
    otherReference.assertStatus(404)

    const opened = await client.get(`${link.pathname}${link.search}`).redirects(0)
    opened.assertStatus(302)
    assert.equal(opened.header('location'), `${HOME}/${absence.id}`)
    const grants = opened.session().otv_grants as number[]
    assert.deepEqual(grants, [absence.id])

    const page = await client.get(`${HOME}/${absence.id}`).withSession({ otv_grants: grants })
    page.assertStatus(200)
    page.assertTextIncludes('Annuler ma déclaration')

    const moved = await client
      .post(`${HOME}/${absence.id}/dates`)
      .form({ departure: inDays(12), return: inDays(20) })
      .withSession({ otv_grants: grants })
      .withCsrfToken()
      .redirects(0)
    moved.assertStatus(303)
    await absence.refresh()
    assert.equal(absence.startsOn, inDays(12))

    const cancelled = await client
      .post(`${HOME}/${absence.id}/annuler`)
      .withSession({ otv_grants: grants })
      .withCsrfToken()
      .redirects(0)
    cancelled.assertStatus(303)
    await absence.refresh()
    assert.equal(absence.status, 'cancelled')
  })
})
