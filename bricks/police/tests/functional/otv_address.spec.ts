import { test } from '@japa/runner'
import { clock } from '#core/clock'
import Demand from '#demands/models/demand'
import SubmitDemand from '#demands/actions/submit_demand'
import { geocoderSimulator } from '#connectors/address_base/geocoder'
import { createResident } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import type User from '#accounts/models/user'
import OtvAbsence from '../../models/otv_absence.js'
import { otvAnswers, town } from '../support.js'

const FILING = '/demarches/tranquillite-vacances'

/** A resident's new OTV draft and the address step's answer to what they type. */
async function addressStep(
  client: any,
  user: User,
  address: { streetNumber: string; street: string }
) {
  const started = await client.post(FILING).withCsrfToken().loginAs(user).redirects(0)
  started.assertStatus(303)
  const step = started.header('location') as string
  const draft = await Demand.findOrFail(Number(step.split('/')[3]))
  const response = await client
    .post(step)
    .form({ ...address, complement: '', _shown: 'streetNumber,street,complement' })
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
  return { response, draft, step }
}

test.group('OTV address, checked in the national address base', (group) => {
  group.each.setup(() => {
    clock.travelTo('2027-07-01T10:00:00', { freeze: true })
    return () => {
      clock.reset()
    }
  })

  test('a known address of the city is accepted, written as the base writes it, and the street found decides the sector', async ({
    client,
    assert,
  }) => {
    const { centre } = await town()
    const user = await createResident()
    const { response, draft } = await addressStep(client, user, {
      streetNumber: '12',
      street: 'RUE DE LA REPUBLIQUE',
    })
    response.assertStatus(303)
    assert.include(response.header('location'), '/etape/2')
    await draft.refresh()
    assert.equal(draft.answers.street, 'Rue de la République')

    draft.merge({ answers: otvAnswers({ street: draft.answers.street }), currentStep: 4 })
    await draft.save()
    const demand = await new SubmitDemand().handle(draft.id)
    const absence = await OtvAbsence.query()
      .where('reference', demand.reference!)
      .preload('street')
      .firstOrFail()
    assert.equal(absence.street.sectorId, centre)
  })

  test('an address the base does not know, or a street outside the city, is refused next to the street with a French message', async ({
    client,
    assert,
  }) => {
    await town()
    const user = await createResident()
    const unknown = await addressStep(client, user, {
      streetNumber: '99',
      street: 'chemin des Nuages',
    })
    unknown.response.assertStatus(302)
    assert.deepEqual(inputErrors(unknown.response).street, [
      'Cette adresse est introuvable dans la Base Adresse Nationale : vérifiez le numéro et le nom de la rue.',
    ])
    const elsewhere = await addressStep(client, user, {
      streetNumber: '1',
      street: 'place de la Concorde',
    })
    assert.deepEqual(inputErrors(elsewhere.response).street, [
      'Cette rue n’est pas dans la liste des voies de la commune : vérifiez son nom.',
    ])
    await elsewhere.draft.refresh()
    assert.equal(elsewhere.draft.currentStep, 0)
  })

  test('while the address base is down, the step says so and keeps what was typed', async ({
    client,
    assert,
  }) => {
    await town()
    const user = await createResident()
    const simulator = (await geocoderSimulator())!
    simulator.down = true
    try {
      const { response, draft } = await addressStep(client, user, {
        streetNumber: '12',
        street: 'rue de la République',
      })
      response.assertStatus(302)
      assert.deepEqual(inputErrors(response).street, [
        'La vérification des adresses ne répond pas pour l’instant : vos réponses sont gardées, réessayez dans quelques minutes.',
      ])
      const flashed = response.flashMessages() as Record<string, unknown>
      assert.equal(flashed.street, 'rue de la République')
      assert.equal(flashed.streetNumber, '12')
      await draft.refresh()
      assert.equal(draft.state, 'draft')
    } finally {
      simulator.down = false
    }
  })
})
