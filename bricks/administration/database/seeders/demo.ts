import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import OpeningRange from '#appointments/models/opening_range'
import Agent from '#accounts/models/agent'
import Service from '#accounts/models/service'
import { grantPermissions } from '#accounts/services/permissions'
import Appointment from '#appointments/models/appointment'
import User from '#accounts/models/user'
import { DEMO_RESIDENT } from '#core/demo/demo_city'
import { ZONE } from '#appointments/services/slots'
import { clock } from '#core/clock'
import { PICKUP_TYPE, TITLE_TYPE } from '../../appointments.js'

/**
 * Demo agendas: the Hôtel de ville (3 desks) and the Courcouronnes annex
 * (1 desk), with weekday hours and a Saturday morning at the town hall, the
 * ID-card / passport type (15 min per person, waiting list) and the pick-up
 * type (10 min). Slots are computed, so the next weeks are open at once.
 * The demo resident has an ID-card appointment at the town hall in a week.
 */
export default async function seedAdministration({ trx }: { trx?: unknown }) {
  const client = trx as TransactionClientContract
  // The demo city's état civil supervisor may let bookings through during an ANTS outage.
  const supervisor = await Agent.findBy('email', 'etat-civil@parvis.localhost', { client })
  const service = await Service.findBy('slug', 'etat_civil', { client })
  if (supervisor && service)
    await grantPermissions(supervisor.id, service.id, ['administration.settings.manage'], client)
  const titleType = await MeetingType.updateOrCreate(
    { key: TITLE_TYPE },
    {
      label: 'Dépôt de dossier carte d’identité / passeport',
      serviceSlug: 'etat_civil',
      durationMinutes: 15,
      perPerson: true,
      maxPersons: 5,
      bookableBy: 'resident',
      minDelayHours: 2,
      maxDelayDays: 60,
      cancelDeadlineHours: 24,
      waitingList: true,
      active: true,
    },
    { client }
  )
  await MeetingType.updateOrCreate(
    { key: PICKUP_TYPE },
    {
      label: 'Retrait de carte d’identité / passeport',
      serviceSlug: 'etat_civil',
      durationMinutes: 10,
      perPerson: false,
      maxPersons: 1,
      bookableBy: 'resident',
      minDelayHours: 1,
      maxDelayDays: 30,
      cancelDeadlineHours: 2,
      waitingList: false,
      active: true,
    },
    { client }
  )
  if (await MeetingPoint.query({ client }).where('serviceSlug', 'etat_civil').first()) return
  const townHall = await MeetingPoint.create(
    {
      name: 'Hôtel de ville — État civil',
      addressLine: 'Place des Droits de l’Homme et du Citoyen',
      postalCode: '91000',
      city: 'Évry-Courcouronnes',
      latitude: 48.6241,
      longitude: 2.4289,
      accessNotes:
        'Entrée principale, accueil au rez-de-chaussée. Accessible aux personnes à mobilité réduite.',
      serviceSlug: 'etat_civil',
      desks: 3,
      active: true,
    },
    { client }
  )
  const annex = await MeetingPoint.create(
    {
      name: 'Mairie annexe de Courcouronnes',
      addressLine: '2 rue Paul Puech',
      postalCode: '91080',
      city: 'Évry-Courcouronnes',
      latitude: 48.6134,
      longitude: 2.4107,
      accessNotes: 'Stationnement gratuit devant la mairie annexe.',
      serviceSlug: 'etat_civil',
      desks: 1,
      active: true,
    },
    { client }
  )
  const ranges = []
  for (const weekday of [1, 2, 3, 4, 5]) {
    ranges.push(
      { meetingPointId: townHall.id, desk: null, weekday, startsAt: '08:30', endsAt: '12:00' },
      { meetingPointId: townHall.id, desk: null, weekday, startsAt: '13:30', endsAt: '17:00' }
    )
    if (weekday !== 3)
      ranges.push({
        meetingPointId: annex.id,
        desk: null,
        weekday,
        startsAt: '09:00',
        endsAt: '12:00',
      })
  }
  ranges.push({
    meetingPointId: townHall.id,
    desk: 1,
    weekday: 6,
    startsAt: '09:00',
    endsAt: '12:00',
  })
  await OpeningRange.createMany(ranges, { client })
  await bookDemoAppointment(client, townHall, titleType)
}

/** At 10:00 on the first weekday a week from now, desk 1 (no mail: it is seeded, not booked). */
async function bookDemoAppointment(
  client: TransactionClientContract,
  point: MeetingPoint,
  type: MeetingType
) {
  const resident = await User.findBy('email', DEMO_RESIDENT.email, { client })
  if (!resident) return
  let day = clock.local().plus({ weeks: 1 }).setZone(ZONE)
  while (day.weekday > 5) day = day.plus({ days: 1 })
  const startsAt = day.set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toUTC()
  await Appointment.create(
    {
      meetingPointId: point.id,
      meetingTypeId: type.id,
      desk: 1,
      startsAt,
      endsAt: startsAt.plus({ minutes: type.durationMinutes }),
      status: 'booked',
      persons: 1,
      userId: resident.id,
      firstName: resident.firstName,
      lastName: resident.lastName,
      email: resident.email,
      phone: resident.phone,
      details: {},
      origin: 'web',
      bookedByAgentId: null,
      cancelledBy: null,
      cancelledAt: null,
    },
    { client }
  )
}
