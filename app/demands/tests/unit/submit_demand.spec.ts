import { test } from '@japa/runner'
// Procedures registered by these tests stay known for the whole run (catalogue, inbox filters): they use real keys.
import { DateTime } from 'luxon'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import { defineProcedure } from '#demands/procedures/define_procedure'
import { registerProcedure } from '#demands/procedures/registry'
import SubmitDemand, { SubmissionRefusedError } from '#demands/actions/submit_demand'

const question = defineProcedure({
  key: 'question-test',
  title: 'demands.contact.title',
  summary: 'demands.contact.summary',
  category: 'other',
  service: 'accueil',
  filer: 'anyone',
  slaDays: 10,
  retentionMonths: 12,
  steps: [
    {
      key: 'question',
      title: 'demands.contact.steps.question',
      fields: [
        {
          name: 'message',
          type: 'long_text',
          label: 'demands.contact.fields.topic',
          required: true,
        },
      ],
    },
  ],
  hooks: {
    beforeSubmit: (answers) => (answers.message === 'interdit' ? ['message_refused'] : []),
    afterSubmit: async (demand, { client }) => {
      // What the hook finds through its client: the demand as the submission wrote it, not yet committed.
      const written = await Demand.query({ client }).where('id', demand.id).firstOrFail()
      afterSubmitSaw.push({ reference: demand.reference, state: written.state })
      if (demand.answers.message === 'échec après') throw new Error('the brick could not record it')
    },
  },
})
const afterSubmitSaw: { reference: string; state: string }[] = []
registerProcedure(question)

function draft(message = 'Bonjour, à quelle heure ouvre la mairie ?') {
  return Demand.create({
    procedureKey: question.key,
    serviceSlug: 'accueil',
    state: 'draft',
    origin: 'web',
    applicantEmail: 'lea@example.org',
    answers: { message },
    currentStep: 1,
  })
}

test.group('Submitting a demand', () => {
  test('a draft gets its reference, first state, SLA deadline and first timeline line', async ({
    assert,
  }) => {
    const submitted = await new SubmitDemand().handle((await draft()).id, {
      now: DateTime.fromISO('2026-12-24T10:00:00', { zone: 'Europe/Paris' }),
    })
    assert.equal(submitted.reference, 'PRV-2026-000001')
    assert.equal(submitted.state, 'submitted')
    // 10 working days after Thursday 24 December 2026: 28–31 Dec, 4–8 Jan, 11 Jan (25 Dec and 1 Jan are holidays).
    assert.equal(submitted.dueAt?.setZone('Europe/Paris').toISODate(), '2027-01-11')
    const events = await DemandEvent.query().where('demandId', submitted.id)
    assert.lengthOf(events, 1)
    assert.equal(events[0].kind, 'submitted')
    assert.equal(events[0].toState, 'submitted')
    const stored = await Demand.findOrFail(submitted.id)
    assert.deepEqual(stored.answers, { message: 'Bonjour, à quelle heure ouvre la mairie ?' })
  })

  test('a draft submitted twice is refused the second time and keeps its reference', async ({
    assert,
  }) => {
    const demand = await draft()
    const first = await new SubmitDemand().handle(demand.id)
    await assert.rejects(() => new SubmitDemand().handle(demand.id), SubmissionRefusedError)
    await demand.refresh()
    assert.equal(demand.reference, first.reference)
    assert.lengthOf(await DemandEvent.query().where('demandId', demand.id), 1)
  })

  test('a check of the procedure refuses the submission and nothing changes', async ({
    assert,
  }) => {
    const demand = await draft('interdit')
    await assert.rejects(() => new SubmitDemand().handle(demand.id), /message_refused/)
    await demand.refresh()
    assert.equal(demand.state, 'draft')
    assert.isNull(demand.reference)
  })

  test("the procedure's afterSubmit runs in the submission's transaction, on the demand as written", async ({
    assert,
  }) => {
    afterSubmitSaw.length = 0
    const submitted = await new SubmitDemand().handle((await draft()).id)
    assert.deepEqual(afterSubmitSaw, [{ reference: submitted.reference!, state: 'submitted' }])
  })

  test('a failing afterSubmit refuses the submission: no reference, no timeline line, no mail', async ({
    assert,
  }) => {
    const demand = await draft('échec après')
    await assert.rejects(() => new SubmitDemand().handle(demand.id), /could not record it/)
    await demand.refresh()
    assert.equal(demand.state, 'draft')
    assert.isNull(demand.reference)
    assert.lengthOf(await DemandEvent.query().where('demandId', demand.id), 0)
    const { default: db } = await import('@adonisjs/lucid/services/db')
    assert.lengthOf(await db.from('jobs').select('id'), 0)
  })

  test('200 drafts submitted in parallel get 200 distinct references', async ({ assert }) => {
    const drafts = []
    for (let index = 0; index < 200; index++) drafts.push(await draft(`Question ${index}`))
    const submitted = await Promise.all(
      drafts.map((demand) => new SubmitDemand().handle(demand.id))
    )
    assert.equal(new Set(submitted.map((demand) => demand.reference)).size, 200)
    assert.equal(
      await DemandEvent.query()
        .count('* as total')
        .then((rows) => Number(rows[0].$extras.total)),
      200
    )
    // 200 transactions racing for one sequence take seconds on a loaded machine: the limit is not the point here.
  }).timeout(30_000)
})
