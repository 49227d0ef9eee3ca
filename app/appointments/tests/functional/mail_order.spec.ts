import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Job from '#jobs/job'
import { Worker } from '#jobs/worker'
import BookAppointment from '#appointments/actions/book_appointment'
import { applicant, createAgenda } from '#tests/support/factories/appointments'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'

/** Booked on a Tuesday evening for Wednesday 10 March 2027 at 9:00 (no public holiday): the reminder is due at once. */
async function bookForTomorrowMorning() {
  clock.travelTo('2027-03-09T19:30')
  const { point, type } = await createAgenda()
  const start = DateTime.fromISO('2027-03-10T09:00', { zone: 'Europe/Paris' })
  return new BookAppointment().handle({
    meetingPointId: point.id,
    meetingTypeId: type.id,
    persons: 1,
    start,
    applicant,
  })
}

const subjects = () => mailbox.for(applicant.email).map((mail) => mail.subject ?? '')

test.group('Appointments: the order of mails', () => {
  test('booked in the evening for tomorrow morning: the confirmation leaves before the reminder', async ({
    assert,
  }) => {
    await bookForTomorrowMorning()
    await mailbox.deliver()
    assert.lengthOf(subjects(), 2, subjects().join('\n'))
    assert.match(subjects()[0], /^Rendez-vous confirmé/)
    assert.match(subjects()[1], /^Rappel/)
  })

  test('when the confirmation is greylisted, the reminder waits for it instead of leaving first', async ({
    assert,
  }) => {
    await bookForTomorrowMorning()
    mailbox.greylist(1)
    await mailbox.deliver()
    assert.deepEqual(
      subjects(),
      [],
      'nothing about this appointment leaves before its confirmation'
    )
    const confirmation = await Job.query()
      .where('name', 'send_mail')
      .whereNotNull('lastError')
      .firstOrFail()
    assert.include(confirmation.lastError!, 'Greylisted')

    await new Worker().drain(clock.now().plus({ minutes: 5 }))
    assert.lengthOf(subjects(), 2, subjects().join('\n'))
    assert.match(subjects()[0], /^Rendez-vous confirmé/)
    assert.match(subjects()[1], /^Rappel/)
  })
})
