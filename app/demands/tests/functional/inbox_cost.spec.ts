import { test } from '@japa/runner'
import Demand from '#demands/models/demand'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { fileThreeStepDemand } from '#tests/support/factories/demands'
import { statementsDuring } from '#tests/support/statements'

/**
 * The SQL statements the app sends while `run` runs, except those on the
 * sessions table (the test client's loginAs writes a new session for each
 * request, which a real browser's does not) and the process's check for
 * newly published built procedures (at most every 2 s, whatever the page:
 * not a cost of this one).
 */
async function countQueries(run: () => Promise<unknown>) {
  return (await statementsDuring(run)).filter((sql) => !/\b(sessions|built_procedures)\b/.test(sql))
}

test.group('The agents’ inbox costs the same whatever its rows', () => {
  test('a page of 50 demands asks the database no more than a page of one (no query per row)', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const agent = await createAgent({ services: ['urbanisme'] })
    const first = await fileThreeStepDemand(resident)
    await Demand.query().where('id', first.id).update({ assigneeId: agent.id })

    const open = () => client.get('/agents/demandes').withGuard('agent').loginAs(agent)
    await open()
    const forOne = await countQueries(async () => (await open()).assertStatus(200))

    const copies = Array.from({ length: 55 }, (_, index) => ({
      procedureKey: first.procedureKey,
      serviceSlug: first.serviceSlug,
      state: first.state,
      origin: first.origin,
      userId: resident.id,
      applicantFirstName: 'Prénom',
      applicantLastName: `Nom ${index}`,
      applicantEmail: resident.email,
      answers: first.answers,
      reference: `${first.reference}-${index}`,
      submittedAt: first.submittedAt,
      dueAt: first.dueAt,
      assigneeId: agent.id,
    }))
    await Demand.createMany(copies)
    let page = ''
    const forFifty = await countQueries(async () => {
      const response = await open()
      response.assertStatus(200)
      page = response.text()
    })

    assert.include(page, 'Nom 54')
    assert.include(page, agent.lastName)
    assert.equal(forFifty.length, forOne.length, forFifty.join('\n'))
    // The agent with their services and grants, the page of demands with its assignees' names,
    // the saved filters: nothing per row, and no round trip that another could carry.
    assert.isAtMost(forFifty.length, 3, forFifty.join('\n'))
  })
})
