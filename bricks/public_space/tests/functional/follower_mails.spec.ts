import { test } from '@japa/runner'
import { Worker } from '#jobs/worker'
import { createAgent } from '#tests/support/factories/accounts'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'
import UpdateReport, { type ReportChange } from '../../actions/update_report.js'
import Follower from '../../models/follower.js'
import Report from '../../models/report.js'
import { categories, filedReport } from '../support.js'

function change(report: Report, publicNote: string, status = report.status): ReportChange {
  return {
    status,
    team: report.team,
    plannedOn: report.plannedOn,
    publicNote,
    internalNote: null,
    acceptedPhotoIds: [],
  }
}

test.group('Followers’ mails', (group) => {
  group.each.setup(() => mailbox.clear())

  test('each follower gets the public updates by mail, those within ten minutes of the last one grouped into one', async ({
    assert,
  }) => {
    clock.travelTo('2026-12-01T09:00:00+01:00', { freeze: true })
    const { streetLight } = await categories()
    const report = await filedReport(streetLight, { email: 'auteur@example.org' })
    await Follower.create({ reportId: report.id, email: 'voisin@example.org', reporter: false })
    const agent = await createAgent({ services: ['services_techniques'] })
    const updates = (address: string) =>
      mailbox.for(address).filter((mail) => /mise(s)? à jour/.test(mail.subject ?? ''))

    await new UpdateReport().handle(
      report,
      change(report, 'Pris en compte', 'acknowledged'),
      agent.id
    )
    await mailbox.deliver()
    assert.lengthOf(updates('voisin@example.org'), 1)

    clock.travelTo('2026-12-01T09:03:00+01:00', { freeze: true })
    await report.refresh()
    await new UpdateReport().handle(
      report,
      change(report, 'Intervention lundi', 'planned'),
      agent.id
    )
    await report.refresh()
    await new UpdateReport().handle(report, change(report, 'Pièce commandée'), agent.id)
    await mailbox.deliver()
    assert.lengthOf(updates('voisin@example.org'), 1)

    await new Worker().drain(clock.now().plus({ minutes: 11 }))
    for (const address of ['voisin@example.org', 'auteur@example.org']) {
      const grouped = await mailbox.waitFor(address, /2 mises à jour/)
      assert.include(grouped.text!, 'Intervention lundi')
      assert.include(grouped.text!, 'Pièce commandée')
      assert.notInclude(grouped.text!, 'Pris en compte')
      assert.lengthOf(updates(address), 2)
    }
    await new Worker().drain(clock.now().plus({ minutes: 30 }))
    assert.lengthOf(updates('voisin@example.org'), 2)
  })
})
