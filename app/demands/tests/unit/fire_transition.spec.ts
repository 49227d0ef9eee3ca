import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import Job from '#jobs/job'
import Notification from '#demands/models/notification'
import FireTransition, { StaleDemandError } from '#demands/actions/fire_transition'
import { defineWorkflow } from '#workflow/define_workflow'
import { defineProcedure } from '#demands/procedures/define_procedure'
import { registerProcedure, registerWorkflow } from '#demands/procedures/registry'
import { createResident } from '#tests/support/factories/accounts'
import { registerJob } from '#jobs/registry'
import { fileThreeStepDemand } from '#tests/support/factories/demands'

const agent = { kind: 'agent' as const, role: 'agent' as const }
const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' })

registerJob('push_to_business_software', { async handle() {} })

registerWorkflow(
  defineWorkflow({
    name: 'with-connector',
    initial: 'submitted',
    states: [
      {
        key: 'submitted',
        residentLabel: 'workflow.states.submitted.resident',
        agentLabel: 'workflow.states.submitted.agent',
      },
      {
        key: 'sent',
        residentLabel: 'workflow.states.in_review.resident',
        agentLabel: 'workflow.states.in_review.agent',
      },
    ],
    transitions: [
      {
        key: 'send',
        label: 'workflow.transitions.accept',
        from: ['submitted'],
        to: 'sent',
        by: ['agent'],
        effects: { jobs: ['push_to_business_software'] },
      },
    ],
  })
)
registerProcedure(
  defineProcedure({
    key: 'connector-test',
    title: 'demands.contact.title',
    summary: 'demands.contact.summary',
    category: 'other',
    service: 'urbanisme',
    filer: 'resident',
    workflow: 'with-connector',
    slaDays: 5,
    retentionMonths: 12,
    steps: [
      {
        key: 'one',
        title: 'demands.contact.steps.question',
        fields: [{ name: 'message', type: 'text', label: 'demands.contact.fields.topic' }],
      },
    ],
  })
)

test.group('Workflow transitions on a demand', () => {
  test('asking for information pauses the SLA clock; the answer moves the deadline by the working days waited', async ({
    assert,
  }) => {
    const resident = await createResident()
    const demand = await fileThreeStepDemand(resident)
    demand.dueAt = paris('2026-12-15T18:00:00')
    await demand.save()
    await new FireTransition().handle({
      demandId: demand.id,
      transition: 'request_information',
      actor: agent,
      actorId: 1,
      comment: 'Une photo, svp',
      now: paris('2026-12-01T10:00:00'),
    })
    // Answered on Tuesday 8 December: five working days later (2, 3, 4, 7, 8).
    await new FireTransition().handle({
      demandId: demand.id,
      transition: 'answer',
      actor: { kind: 'resident' },
      actorId: resident.id,
      comment: 'La voici',
      now: paris('2026-12-08T11:00:00'),
    })
    await demand.refresh()
    assert.equal(demand.state, 'in_review')
    assert.equal(demand.dueAt!.setZone('Europe/Paris').toISODate(), '2026-12-22')
  })

  test('a decision closes the demand, tells the resident, and a comment the resident should not read stays internal', async ({
    assert,
  }) => {
    const resident = await createResident()
    const demand = await fileThreeStepDemand(resident)
    await new FireTransition().handle({
      demandId: demand.id,
      transition: 'refuse',
      actor: agent,
      actorId: 1,
      comment: 'Hors compétence communale',
    })
    await demand.refresh()
    assert.equal(demand.state, 'refused')
    assert.isNotNull(demand.closedAt)
    const notification = await Notification.query()
      .where('demandId', demand.id)
      .where('kind', 'status_changed')
      .firstOrFail()
    assert.equal(notification.toState, 'refused')

    await new FireTransition().handle({
      demandId: demand.id,
      transition: 'reopen',
      actor: { kind: 'agent', role: 'supervisor' },
      actorId: 2,
      comment: 'Erreur de service, on reprend',
    })
    await demand.refresh()
    assert.isNull(demand.closedAt)
    const reopen = await DemandEvent.query()
      .where('demandId', demand.id)
      .where('transition', 'reopen')
      .firstOrFail()
    assert.isNull(reopen.body)
    const note = await DemandEvent.query()
      .where('demandId', demand.id)
      .where('kind', 'note')
      .firstOrFail()
    assert.equal(note.body, 'Erreur de service, on reprend')
    assert.isFalse(note.visibleToResident)
  })

  test('a page shown before a colleague moved the demand cannot fire a transition from the old state', async ({
    assert,
  }) => {
    const demand = await fileThreeStepDemand(await createResident())
    await new FireTransition().handle({
      demandId: demand.id,
      transition: 'start_review',
      actor: agent,
      actorId: 1,
    })
    await assert.rejects(
      () =>
        new FireTransition().handle({
          demandId: demand.id,
          transition: 'accept',
          actor: agent,
          actorId: 2,
          expectedState: 'submitted',
        }),
      StaleDemandError
    )
    await demand.refresh()
    assert.equal(demand.state, 'in_review')
  })

  test('the connector job a transition names is enqueued in the same transaction, once per timeline line', async ({
    assert,
  }) => {
    const resident = await createResident()
    const draft = await Demand.create({
      procedureKey: 'connector-test',
      serviceSlug: 'urbanisme',
      state: 'draft',
      origin: 'web',
      userId: resident.id,
      answers: {},
      currentStep: 1,
    })
    const { default: SubmitDemand } = await import('#demands/actions/submit_demand')
    await new SubmitDemand().handle(draft.id)
    const { event } = await new FireTransition().handle({
      demandId: draft.id,
      transition: 'send',
      actor: agent,
      actorId: 1,
    })
    const job = await Job.query().where('name', 'push_to_business_software').firstOrFail()
    assert.equal(job.idempotencyKey, `push_to_business_software:${event.id}`)
    assert.deepEqual(JSON.parse(job.payload), {
      demandId: draft.id,
      transition: 'send',
      eventId: event.id,
    })
  })
})
