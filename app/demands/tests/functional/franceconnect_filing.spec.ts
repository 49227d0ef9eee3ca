import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#accounts/models/user'
import Demand from '#demands/models/demand'
import SubmitDemand, { SubmissionRefusedError } from '#demands/actions/submit_demand'
import { writeSetting } from '#core/services/settings'
import { Visitor } from '#tests/support/visitor'
import { threeStepDraft } from '#tests/support/factories/demands'
import { createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { ANGELA, franceConnectFor, logInWithFranceConnect } from '#tests/support/franceconnect'

type Provider = Awaited<ReturnType<typeof franceConnectFor>>

const PROCEDURE = 'demande-essai'

async function requireFranceConnect() {
  await writeSetting('demands', `${PROCEDURE}__requires_franceconnect`, true, {
    updatedBy: null,
    client: db.connection(),
  })
}

async function sendDraft(visitor: Visitor, draft: Demand) {
  await visitor.get(`/demarches/${PROCEDURE}/${draft.id}/recapitulatif`)
  return visitor.post(`/demarches/${PROCEDURE}/${draft.id}/envoyer`)
}

test.group('Procedures and FranceConnect', (group) => {
  let provider: Provider
  group.each.setup(async () => {
    provider = await franceConnectFor()
    return () => provider.stop()
  })

  test('the filing page offers the FranceConnect button to a visitor it asks to log in', async ({
    assert,
  }) => {
    const page = await new Visitor().get(`/demarches/${PROCEDURE}`)
    assert.include(page.text, 'class="fr-connect"')
    assert.include(page.text, 'name="retour" value="/demarches/demande-essai"')
  })

  test('a demand filed in a FranceConnect session is marked so; one filed with a password is not', async ({
    assert,
  }) => {
    const viaFranceConnect = new Visitor()
    await logInWithFranceConnect(viaFranceConnect, provider.simulator)
    const angela = await User.findByOrFail('email', ANGELA.email)
    const first = await threeStepDraft(angela)
    const sent = await sendDraft(viaFranceConnect, first)
    assert.equal(sent.status, 303)
    await first.refresh()
    assert.isTrue(first.filedWithFranceconnect)
    const shown = await viaFranceConnect.get(`/mon-espace/demandes/${first.id}`)
    assert.include(shown.text, 'Déposée avec FranceConnect')

    const claire = await createResident({ email: 'claire@example.org' })
    const withPassword = new Visitor()
    await withPassword.submit('/connexion', '/connexion', {
      email: claire.email,
      password: GOOD_PASSWORD,
    })
    const second = await threeStepDraft(claire)
    await sendDraft(withPassword, second)
    await second.refresh()
    assert.isNotNull(second.submittedAt)
    assert.isFalse(second.filedWithFranceconnect)
    const page = await withPassword.get(`/mon-espace/demandes/${second.id}`)
    assert.notInclude(page.text, 'Déposée avec FranceConnect')
  })

  test('a procedure that requires FranceConnect cannot be filed from a password session', async ({
    assert,
  }) => {
    await requireFranceConnect()
    const claire = await createResident({ email: 'claire@example.org' })
    const visitor = new Visitor()
    await visitor.submit('/connexion', '/connexion', {
      email: claire.email,
      password: GOOD_PASSWORD,
    })

    const start = await visitor.get(`/demarches/${PROCEDURE}`)
    assert.include(start.text, 'Cette démarche demande FranceConnect')
    assert.include(start.text, 'class="fr-connect"')
    const create = await visitor.post(`/demarches/${PROCEDURE}`)
    assert.equal(create.location, `/demarches/${PROCEDURE}`)
    assert.lengthOf(await Demand.query().where('userId', claire.id), 0)

    // A draft begun before the city changed the setting is refused at sending.
    const draft = await threeStepDraft(claire)
    await assert.rejects(() => new SubmitDemand().handle(draft.id), SubmissionRefusedError)
    await sendDraft(visitor, draft)
    await draft.refresh()
    assert.isTrue(draft.isDraft)

    // With FranceConnect, the same procedure goes through, marked.
    const viaFranceConnect = new Visitor()
    await logInWithFranceConnect(viaFranceConnect, provider.simulator)
    const angela = await User.findByOrFail('email', ANGELA.email)
    const ready = await threeStepDraft(angela)
    await sendDraft(viaFranceConnect, ready)
    await ready.refresh()
    assert.isFalse(ready.isDraft)
    assert.isTrue(ready.filedWithFranceconnect)
  })
})
