import { test } from '@japa/runner'
import { clock } from '#core/clock'
import { mailbox } from '#tests/support/smtp'
import { createResident } from '#tests/support/factories/accounts'
import { dailyLists } from '../../services/patrol_lists.js'
import { fileOtv, inDays, town } from '../support.js'

const HOME = '/police-municipale/tranquillite-vacances'

test.group('OTV managed without an account, through the receipt mail’s signed link', (group) => {
  group.each.setup(() => {
    clock.travelTo('2027-07-01T10:00:00', { freeze: true })
    return () => {
      clock.reset()
    }
  })

  test('declared without an account, the home is watched only once the receipt mail’s link is opened', async ({
    client,
    assert,
  }) => {
    await town()
    const { demand, absence } = await fileOtv({ email: 'a-confirmer@example.org' })
    const watched = async () =>
      (await dailyLists(absence.startsOn)).flatMap((sector) => sector.homes.map((home) => home.id))
    assert.isTrue(absence.awaitingEmailConfirmation)
    assert.notInclude(await watched(), absence.id)

    const mail = await mailbox.waitFor('a-confirmer@example.org', new RegExp(demand.reference!))
    const link = new URL(mailbox.linkIn(mail, `${HOME}/gerer/`))
    const forged = await client.get(`${HOME}/gerer/${demand.reference}?signature=forged.sig`)
    forged.assertStatus(404)
    assert.notInclude(await watched(), absence.id)

    const opened = await client.get(`${link.pathname}${link.search}`).redirects(0)
    opened.assertStatus(302)
    await absence.refresh()
    assert.isFalse(absence.awaitingEmailConfirmation)
    assert.include(await watched(), absence.id)
  })

  test('declared from a verified account, the home is watched without any link', async ({
    assert,
  }) => {
    await town()
    const resident = await createResident({ email: 'avec-compte@example.org' })
    const { absence } = await fileOtv(resident)
    assert.isFalse(absence.awaitingEmailConfirmation)
    const homes = (await dailyLists(absence.startsOn)).flatMap((sector) => sector.homes)
    assert.include(
      homes.map((home) => home.id),
      absence.id
    )
  })

  test('the receipt mail carries the link; it lets this browser cancel before departure, and nothing opens without it', async ({
    client,
    assert,
  }) => {
    await town()
    const { demand, absence } = await fileOtv({ email: 'sans-compte@example.org' })
    const mail = await mailbox.waitFor('sans-compte@example.org', new RegExp(demand.reference!))
    assert.include(
      mail.text!,
      'Confirmer votre adresse e-mail et gérer votre déclaration d’absence'
    )
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
