import { test } from '@japa/runner'
import { clock } from '#core/clock'
import { Worker } from '#jobs/worker'
import { optInToSms, smsReceivedBy } from '#tests/support/factories/sms'
import { registerSenior } from '../../actions/register_senior.js'
import { outing, senior } from '../support.js'

test.group('Seniors’ reminders by SMS', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('the morning reminder, two days before an outing, is also sent by SMS to whoever opted in, and only to them', async ({
    assert,
  }) => {
    clock.travelTo('2027-05-04T09:00', { freeze: true })
    const { session } = await outing({ name: 'Visite du château', inDays: 2 })
    const choices = {
      sessionId: session.id,
      companion: false,
      shuttle: false,
      pickupAddress: null,
      emergencyContact: 'Luc',
      phone: null,
    }
    const jeanne = await senior('sms-rappel@example.org', 72)
    const number = await optInToSms(jeanne)
    await registerSenior(jeanne, null, choices)
    const paul = await senior('sans-sms@example.org', 75, 'Paul')
    await registerSenior(paul, null, choices)
    const { seniorsRemindersJob } = await import('../../jobs/seniors_reminders.js')
    await seniorsRemindersJob.handle(
      {},
      { jobId: 0, attempt: 1, idempotencyKey: 'test', now: clock.now() }
    )
    await new Worker().drain()
    const messages = await smsReceivedBy(number)
    assert.lengthOf(messages, 1)
    assert.equal(
      messages[0].text,
      'Rappel : Jeanne Moreau est inscrit(e) à "Visite du chateau" le 06/05. Un empechement ? Prévenez la mairie pour libérer la place.'
    )
  })
})
