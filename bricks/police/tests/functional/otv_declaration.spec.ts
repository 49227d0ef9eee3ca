import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { clock } from '#core/clock'
import { writeSetting } from '#core/services/settings'
import SubmitDemand, { SubmissionRefusedError } from '#demands/actions/submit_demand'
import Demand from '#demands/models/demand'
import { refusalText } from '#demands/services/refusals'
import { createResident } from '#tests/support/factories/accounts'
import { fileOtv, inDays, otvAnswers, town } from '../support.js'

async function refusalOf(answers: Record<string, unknown>) {
  const draft = await Demand.create({
    procedureKey: 'tranquillite-vacances',
    serviceSlug: 'tranquillite_publique',
    state: 'draft',
    origin: 'web',
    userId: null,
    applicantEmail: 'visiteur@example.org',
    answers: otvAnswers(answers),
    currentStep: 4,
  })
  try {
    await new SubmitDemand().handle(draft.id)
  } catch (error) {
    if (error instanceof SubmissionRefusedError)
      return refusalText(i18nManager.locale('fr'), error.reasons)
    throw error
  }
  return null
}

test.group('OTV declaration', (group) => {
  group.each.setup(() => {
    clock.travelTo('2027-07-01T10:00:00', { freeze: true })
    return () => {
      clock.reset()
    }
  })

  test('a visitor without an account declares an absence: the home is recorded under the receipt’s reference', async ({
    assert,
  }) => {
    await town()
    const { demand, absence } = await fileOtv({ email: 'sans-compte@example.org' })
    assert.match(demand.reference!, /\S+/)
    assert.equal(absence.reference, demand.reference)
    assert.equal(absence.email, 'sans-compte@example.org')
    assert.equal(absence.startsOn, '2027-07-11')
    assert.equal(absence.endsOn, '2027-07-25')
    assert.equal(absence.status, 'active')
    assert.isTrue(absence.alarm)
    assert.equal(absence.keyHolderPhone, '06 98 76 54 32')
  })

  test('a departure tomorrow is refused with the notice rule, in French', async ({ assert }) => {
    await town()
    const text = await refusalOf({ departure: inDays(1), return: inDays(10) })
    assert.equal(
      text,
      'La déclaration doit être faite au moins 3 jours avant le départ : choisissez une date de départ plus lointaine.'
    )
  })

  test('the notice is a setting: at 7 days, a departure in 5 days is refused', async ({
    assert,
  }) => {
    await town()
    await writeSetting('police', 'otvNoticeDays', 7, { updatedBy: null, client: db.connection() })
    const text = await refusalOf({ departure: inDays(5), return: inDays(12) })
    assert.include(text!, 'au moins 7 jours avant le départ')
  })

  test('absences shorter than 3 days or longer than 3 months are refused', async ({ assert }) => {
    await town()
    assert.include(
      (await refusalOf({ departure: inDays(10), return: inDays(11) }))!,
      'au moins 3 jours'
    )
    assert.include(
      (await refusalOf({ departure: inDays(10), return: inDays(110) }))!,
      'dépasser 3 mois'
    )
  })

  test('a street that is not in the city’s list is refused', async ({ assert }) => {
    await town()
    assert.include(
      (await refusalOf({ street: 'Boulevard Imaginaire' }))!,
      'n’est pas dans la liste des voies'
    )
  })

  test('the resident moves the return date, then cancels before departure; another, away, comes back early', async ({
    client,
    assert,
  }) => {
    await town()
    const user = await createResident()
    const { absence } = await fileOtv(user)
    const moved = await client
      .post(`/police-municipale/tranquillite-vacances/${absence.id}/dates`)
      .form({ departure: absence.startsOn, return: inDays(20) })
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    moved.assertStatus(303)
    await absence.refresh()
    assert.equal(absence.endsOn, inDays(20))

    const early = await client
      .post(`/police-municipale/tranquillite-vacances/${absence.id}/retour`)
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    early.assertStatus(404)

    const cancelled = await client
      .post(`/police-municipale/tranquillite-vacances/${absence.id}/annuler`)
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    cancelled.assertStatus(303)
    await absence.refresh()
    assert.equal(absence.status, 'cancelled')

    const second = await fileOtv(user)
    clock.travelTo('2027-07-15T10:00:00', { freeze: true })
    const back = await client
      .post(`/police-municipale/tranquillite-vacances/${second.absence.id}/retour`)
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    back.assertStatus(303)
    await second.absence.refresh()
    assert.equal(second.absence.status, 'returned')
    assert.equal(second.absence.endsOn, '2027-07-15')
  })

  test('a resident cannot reach another resident’s absence', async ({ client }) => {
    await town()
    const owner = await createResident()
    const other = await createResident()
    const { absence } = await fileOtv(owner)
    const page = await client
      .get(`/police-municipale/tranquillite-vacances/${absence.id}`)
      .loginAs(other)
    page.assertStatus(404)
  })
})
