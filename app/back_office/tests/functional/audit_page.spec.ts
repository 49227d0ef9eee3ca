import { test } from '@japa/runner'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { fileThreeStepDemand } from '#tests/support/factories/demands'

/** The cells of the audit table's row that contains `text` (none when no row does). */
function auditRow(html: string, text: string) {
  const row = (html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).find((candidate) =>
    candidate.includes(text)
  )
  return (row?.match(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g) ?? []).map((cell) =>
    cell.replace(/<[^>]+>/g, '').trim()
  )
}

test.group('Audit page: every 360° view and every export', () => {
  test('after a 360° view and an inbox export, the audit page lists both with who, what, filter and rows', async ({
    client,
    assert,
  }) => {
    const resident = await createResident({ firstName: 'Louise', lastName: 'Michel' })
    await fileThreeStepDemand(resident)
    await fileThreeStepDemand(resident)
    const agent = await createAgent({ email: 'urba@ville.example', services: ['urbanisme'] })
    const admin = await createAgent({ role: 'admin' })

    const record = await client
      .get(`/agents/usagers/${resident.id}?type=demand`)
      .withGuard('agent')
      .loginAs(agent)
    record.assertStatus(200)
    const csv = await client
      .get('/agents/demandes/export.csv?statut=all')
      .withGuard('agent')
      .loginAs(agent)
    csv.assertStatus(200)

    const audit = await client.get('/agents/admin/audit').withGuard('agent').loginAs(admin)
    audit.assertStatus(200)
    const viewed = auditRow(audit.text(), 'Fiche usager consultée')
    assert.include(viewed[1], 'urba@ville.example')
    assert.equal(viewed[4], `Louise Michel (#${resident.id}) [demand]`)
    assert.equal(viewed[5], '2')
    const exported = auditRow(audit.text(), 'Liste exportée (CSV)')
    assert.include(exported[1], 'urba@ville.example')
    assert.equal(exported[4], 'demandes statut=all')
    assert.equal(exported[5], '2')

    const byAgent = await client
      .get('/agents/admin/audit?agent=urba%40ville.example')
      .withGuard('agent')
      .loginAs(admin)
    assert.lengthOf(auditRow(byAgent.text(), 'Fiche usager consultée'), 6)
    assert.lengthOf(auditRow(byAgent.text(), 'Liste exportée (CSV)'), 6)
  })
})
