import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import OpeningRange from '#appointments/models/opening_range'
import { availableSlots } from '#appointments/services/slots'
import { clock } from '#core/clock'

let sequence = 0

/** A meeting point open every day 08:00–18:00 (so tests find slots whatever day they run), with its type. */
export async function createAgenda(
  options: {
    desks?: number
    service?: string
    type?: Partial<MeetingType>
    weekdays?: number[]
  } = {}
) {
  const n = ++sequence
  const point = await MeetingPoint.create({
    name: `Mairie ${n}`,
    addressLine: `${n} place de la Mairie`,
    postalCode: '91000',
    city: 'Évry-Courcouronnes',
    serviceSlug: options.service ?? 'etat_civil',
    desks: options.desks ?? 1,
    active: true,
    accessNotes: null,
    latitude: 48.6,
    longitude: 2.4,
  })
  const type = await MeetingType.create({
    key: `test_type_${n}`,
    label: `Rendez-vous d’essai ${n}`,
    serviceSlug: options.service ?? 'etat_civil',
    durationMinutes: 15,
    perPerson: true,
    maxPersons: 5,
    bookableBy: 'resident',
    minDelayHours: 2,
    maxDelayDays: 60,
    cancelDeadlineHours: 24,
    waitingList: true,
    active: true,
    ...options.type,
  })
  await OpeningRange.createMany(
    (options.weekdays ?? [1, 2, 3, 4, 5, 6, 7]).map((weekday) => ({
      meetingPointId: point.id,
      desk: null,
      weekday,
      startsAt: '08:00',
      endsAt: '18:00',
    }))
  )
  return { point, type }
}

/** The first free slot at least `afterDays` days ahead, avoiding public holidays and closures like residents would. */
export async function firstFreeSlot(
  point: MeetingPoint,
  type: MeetingType,
  persons = 1,
  afterDays = 3
) {
  const from = clock.local().plus({ days: afterDays })
  const slots = await availableSlots(
    point,
    type,
    persons,
    from.toISODate()!,
    from.plus({ days: 10 }).toISODate()!
  )
  if (!slots.length) throw new Error('No free slot in the test agenda')
  return slots[0]
}

export const applicant = {
  userId: null,
  firstName: 'Camille',
  lastName: 'Durand',
  email: 'camille@example.org',
  phone: null,
}
