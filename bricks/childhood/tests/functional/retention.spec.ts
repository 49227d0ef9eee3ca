import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import { DateTime } from 'luxon'
import { clock } from '#core/clock'
import { purgePersonalData } from '#jobs/personal_data'
import ActivitySession from '../../models/activity_session.js'
import Registration from '../../models/registration.js'
import CanteenRegistration from '../../models/canteen_registration.js'
import Quotient from '../../models/quotient.js'
import Absence from '../../models/absence.js'
import { lastSchoolYearEndedBefore } from '../../retention.js'
import { family, wednesdayActivity } from '../support.js'

function at(moment: string) {
  clock.travelTo(moment, { freeze: true })
}

test.group('Childhood retention', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('the last school year ended before a moment is the one whose 31 August has passed', ({
    assert,
  }) => {
    const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' })
    assert.equal(lastSchoolYearEndedBefore(paris('2027-08-31T23:00')), '2025-2026')
    assert.equal(lastSchoolYearEndedBefore(paris('2027-09-01T00:30')), '2026-2027')
    assert.equal(lastSchoolYearEndedBefore(paris('2028-01-15T12:00')), '2026-2027')
  })

  test('activity registrations go a year after their session ended, with their attendance', async ({
    assert,
  }) => {
    at('2026-12-01T10:00')
    const { user, ines, tom } = await family()
    const { activity, session } = await wednesdayActivity({ capacity: 5 })
    // The session of wednesdayActivity ends on 2026-12-08; a second one ends in March.
    const spring = await ActivitySession.create({
      activityId: activity.id,
      label: 'Printemps',
      startsOn: '2027-03-10',
      endsOn: '2027-03-10',
      capacity: 5,
    })
    const register = (sessionId: number, childId: number) =>
      Registration.create({
        sessionId,
        householdMemberId: childId,
        userId: user.id,
        status: 'placed',
        attendance: { '2026-12-08': true },
      })
    const ended = await register(session.id, ines.id)
    const endedToo = await register(session.id, tom.id)
    const later = await register(spring.id, ines.id)

    at('2027-12-08T12:00')
    assert.equal((await purgePersonalData())['childhood.activity_registrations'], 0)
    at('2027-12-09T12:00')
    assert.equal((await purgePersonalData())['childhood.activity_registrations'], 2)
    assert.isNull(await Registration.find(ended.id))
    assert.isNull(await Registration.find(endedToo.id))
    assert.isNotNull(await Registration.find(later.id))
    // The activity and its sessions are the city's, not personal data: they stay.
    assert.isNotNull(await ActivitySession.find(session.id))
  })

  test('canteen registrations go a year after the end of their school year', async ({ assert }) => {
    at('2026-12-01T10:00')
    const { user, ines, tom } = await family()
    const register = (childId: number, schoolYear: string) =>
      CanteenRegistration.create({
        householdMemberId: childId,
        userId: user.id,
        schoolYear,
        days: '1,2,4,5',
        status: 'active',
        absences: ['2026-12-03'],
      })
    const thisYear = await register(ines.id, '2026-2027')
    const nextYear = await register(ines.id, '2027-2028')
    const tomThisYear = await register(tom.id, '2026-2027')

    at('2028-08-31T12:00')
    assert.equal((await purgePersonalData())['childhood.canteen_registrations'], 0)
    at('2028-09-01T12:00')
    assert.equal((await purgePersonalData())['childhood.canteen_registrations'], 2)
    assert.isNull(await CanteenRegistration.find(thisYear.id))
    assert.isNull(await CanteenRegistration.find(tomThisYear.id))
    assert.isNotNull(await CanteenRegistration.find(nextYear.id))
  })

  test('absences go a year after their last day', async ({ assert }) => {
    at('2026-12-01T10:00')
    const { user, ines, tom } = await family()
    const absence = (memberId: number, startsOn: string, endsOn: string) =>
      Absence.create({
        householdMemberId: memberId,
        userId: user.id,
        startsOn,
        endsOn,
        declaredBy: 'family',
        agentId: null,
        reason: null,
      })
    const early = await absence(ines.id, '2026-12-07', '2026-12-08')
    const later = await absence(tom.id, '2026-12-07', '2026-12-09')
    const next = await absence(ines.id, '2027-03-01', '2027-03-02')

    at('2027-12-08T23:30')
    assert.equal((await purgePersonalData())['childhood.absences'], 0)
    at('2027-12-09T00:30')
    assert.equal((await purgePersonalData())['childhood.absences'], 1)
    assert.isNull(await Absence.find(early.id))
    assert.isNotNull(await Absence.find(later.id))
    assert.isNotNull(await Absence.find(next.id))
  })

  test('CAF attestations lose their file after a year; replaced or refused quotients go, the one in force keeps its value', async ({
    assert,
  }) => {
    const { user } = await family()
    const other = (await family()).user
    const attestation = async (
      userId: number,
      status: Quotient['status'],
      value: number,
      name: string
    ) => {
      const key = `childhood/quotients/${userId}/${name}.pdf`
      await drive.use().put(key, '%PDF-1.4')
      return Quotient.create({
        userId,
        value,
        documentKey: key,
        documentName: `${name}.pdf`,
        status,
        validatedBy: null,
      })
    }
    at('2026-01-10T10:00')
    const replaced = await attestation(user.id, 'validated', 620, 'ancienne')
    const refused = await attestation(user.id, 'rejected', 300, 'illisible')
    const otherInForce = await attestation(other.id, 'validated', 900, 'autre')
    at('2026-09-10T10:00')
    const inForce = await attestation(user.id, 'validated', 710, 'nouvelle')

    at('2027-01-10T09:00')
    assert.equal((await purgePersonalData())['childhood.attestations'], 0)
    at('2027-01-10T12:00')
    assert.equal((await purgePersonalData())['childhood.attestations'], 3)
    assert.isNull(await Quotient.find(replaced.id))
    assert.isNull(await Quotient.find(refused.id))
    assert.isFalse(await drive.use().exists(replaced.documentKey!))
    assert.isFalse(await drive.use().exists(refused.documentKey!))
    // The other family's quotient in force stays, without its attestation.
    const kept = await Quotient.findOrFail(otherInForce.id)
    assert.equal(kept.value, 900)
    assert.isNull(kept.documentKey)
    assert.isFalse(await drive.use().exists(otherInForce.documentKey!))
    // The newest attestation is not yet a year old.
    const newest = await Quotient.findOrFail(inForce.id)
    assert.equal(newest.documentKey, inForce.documentKey)
    assert.isTrue(await drive.use().exists(inForce.documentKey!))
  })
})
