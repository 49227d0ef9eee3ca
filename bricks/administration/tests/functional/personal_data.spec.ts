import { test } from '@japa/runner'
import Appointment from '#appointments/models/appointment'
import Job from '#jobs/job'
import { clock } from '#core/clock'
import DeleteAccount from '#portal/actions/delete_account'
import { createAgenda } from '#tests/support/factories/appointments'
import { createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'

test.group('Administration: a resident deletes their account', () => {
  test('their ID-card appointment still to come is withdrawn from ANTS in the deletion, and gone', async ({
    assert,
  }) => {
    const resident = await createResident()
    // the brick's hooks answer every meeting type whose key starts with administration_titre
    const { point, type } = await createAgenda({ type: { key: 'administration_titre_essai' } })
    const startsAt = clock.now().plus({ days: 5 }).startOf('hour')
    const appointment = await Appointment.create({
      meetingPointId: point.id,
      meetingTypeId: type.id,
      desk: 1,
      startsAt,
      endsAt: startsAt.plus({ minutes: 20 }),
      status: 'booked',
      persons: 1,
      userId: resident.id,
      firstName: resident.firstName,
      lastName: resident.lastName,
      email: resident.email,
      phone: null,
      details: { applicationIds: ['ABCDE12345'] },
      origin: 'web',
    })

    await new DeleteAccount().handle(resident, { password: GOOD_PASSWORD })

    assert.isNull(await Appointment.find(appointment.id))
    const withdrawals = await Job.query().where('name', 'ants_withdraw')
    assert.lengthOf(withdrawals, 1)
    assert.include(JSON.stringify(withdrawals[0].payload), 'ABCDE12345')
  })
})
