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
    serviceSlug: 'police-municipale',
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
