import { test } from '@japa/runner'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import AuditEntry from '#accounts/models/audit_entry'
import WithdrawDemand from '#demands/actions/withdraw_demand'
import FireTransition, { StaleDemandError } from '#demands/actions/fire_transition'
import { createResident } from '#tests/support/factories/accounts'
import { fileThreeStepDemand } from '#tests/support/factories/demands'

test.group('Withdrawing a demand', () => {
  test('a page shown before the service decided cannot withdraw it: nothing is written', async ({
    assert,
  }) => {
    const resident = await createResident()
    const demand = await fileThreeStepDemand(resident)
    const shown = { id: demand.id, state: demand.state, reference: demand.reference }
    await Demand.query().where('id', demand.id).update({ state: 'in_review' })

    await assert.rejects(
      () => new WithdrawDemand().handle(shown, resident, 'Plus besoin.'),
      StaleDemandError
    )
    await demand.refresh()
    assert.equal(demand.state, 'in_review')
    assert.isNull(await AuditEntry.query().where('demandId', demand.id).first())
  })

  test('when a write alongside the transition fails, the transition is undone with it', async ({
    assert,
  }) => {
    const resident = await createResident()
    const demand = await fileThreeStepDemand(resident)
    await assert.rejects(
      () =>
        new FireTransition().handle({
          demandId: demand.id,
          transition: 'withdraw',
          actor: { kind: 'resident' },
          actorId: resident.id,
          comment: 'Plus besoin.',
          alongside: async () => {
            throw new Error('audit log unavailable')
          },
        }),
      /audit log unavailable/
    )
    await demand.refresh()
    assert.equal(demand.state, 'submitted')
    assert.isNull(demand.closedAt)
    assert.isNull(
      await DemandEvent.query().where('demandId', demand.id).where('kind', 'transition').first()
    )
  })
})
