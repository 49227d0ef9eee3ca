import Demand from '#demands/models/demand'
import SubmitDemand from '#demands/actions/submit_demand'
import User from '#accounts/models/user'
import { clock } from '#core/clock'
import { defineSector } from '../actions/define_sector.js'
import OtvAbsence from '../models/otv_absence.js'

/** Two sectors of a small town: Centre and Gare. */
export async function town() {
  const centre = await defineSector({
    name: 'Centre',
    streets: 'Rue de la République\nPlace de l’Hôtel de Ville\nRue Victor Hugo',
  })
  const gare = await defineSector({ name: 'Gare', streets: 'Avenue de la Gare\nRue des Lilas' })
  return { centre, gare }
}

/** A day `days` from today in the city, YYYY-MM-DD. */
export function inDays(days: number) {
  return clock.local().plus({ days }).toISODate()!
}

export function otvAnswers(overrides: Record<string, unknown> = {}) {
  return {
    streetNumber: 12,
    street: 'rue de la republique',
    departure: inDays(10),
    return: inDays(24),
    reachPhone: '06 12 34 56 78',
    homeType: 'house',
    alarm: 'yes',
    alarmCompany: 'Veille Sûre',
    keyHolderName: 'Jeanne Voisine',
    keyHolderPhone: '06 98 76 54 32',
    vehicles: 'Clio grise devant le garage',
    pets: '',
    instructions: 'Volets fermés',
    consent: true,
    ...overrides,
  }
}

/** An OTV demand filed through the demands engine, by a resident or (no user) a visitor with an e-mail. */
export async function fileOtv(
  who: User | { email: string },
  overrides: Record<string, unknown> = {}
) {
  const user = who instanceof User ? who : null
  const draft = await Demand.create({
    procedureKey: 'tranquillite-vacances',
    serviceSlug: 'tranquillite_publique',
    state: 'draft',
    origin: 'web',
    userId: user?.id ?? null,
    applicantFirstName: user?.firstName ?? 'Paul',
    applicantLastName: user?.lastName ?? 'Visiteur',
    applicantEmail: user?.email ?? who.email,
    answers: otvAnswers(overrides),
    currentStep: 4,
  })
  const demand = await new SubmitDemand().handle(draft.id)
  const absence = await OtvAbsence.findByOrFail('reference', demand.reference!)
  return { demand, absence }
}

/**
 * `count` absences spread over `sectors` sectors of five streets each
 * ("Rue 01"… sorted as written): a deterministic mix of homes watched today,
 * not yet left, already back, cancelled and back early today. Inserted in
 * bulk; returns the rows and the streets' sectors.
 */
export async function manyAbsences(count: number, sectors: number, today = clock.today()) {
  const db = (await import('@adonisjs/lucid/services/db')).default
  const { dbTimestamp } = await import('#core/database/dialect')
  const { DateTime } = await import('luxon')
  const streetSector = new Map<string, number>()
  for (let s = 1; s <= sectors; s++) {
    const names = Array.from(
      { length: 5 },
      (_, i) => `Rue ${String((s - 1) * 5 + i + 1).padStart(2, '0')}`
    )
    const id = await defineSector({ name: `Secteur ${s}`, streets: names.join('\n') })
    for (const name of names) streetSector.set(name, id)
  }
  const streets = await db.from('police_streets').select('id', 'name')
  const day = (offset: number) => DateTime.fromISO(today).plus({ days: offset }).toISODate()!
  const now = dbTimestamp(clock.now())
  const rows = Array.from({ length: count }, (_, i) => {
    const street = streets[(i * 7) % streets.length]
    const kind = i % 10
    const startsOn = kind === 0 ? day(3) : day(-((i % 5) + 1))
    const endsOn = kind === 1 ? day(-1) : kind === 9 ? today : day((i % 9) + 1)
    return {
      reference: `OTV-${i}`,
      user_id: null,
      email: `absent${i}@example.org`,
      full_name: null,
      street_id: street.id,
      street_number: ((i * 37) % 120) + 1,
      starts_on: startsOn,
      ends_on: endsOn,
      status: kind === 2 ? 'cancelled' : kind === 9 ? 'returned' : 'active',
      home_type: 'house',
      alarm: false,
      locale: 'fr',
      created_at: now,
      updated_at: now,
    }
  })
  for (let i = 0; i < rows.length; i += 100)
    await db.table('police_otv_absences').multiInsert(rows.slice(i, i + 100))
  return { rows, streets, streetSector }
}
