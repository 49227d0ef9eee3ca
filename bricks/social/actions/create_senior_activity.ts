import db from '@adonisjs/lucid/services/db'
import Activity from '#activities/models/activity'
import ActivitySession from '#activities/models/activity_session'
import { OWNER } from './register_senior.js'

/** 6,50 → 650 */
const cents = (euros: string) => Math.round(Number(euros.replace(',', '.')) * 100)

export interface SeniorActivityInput {
  name: string
  kind: 'atelier' | 'sortie' | 'evenement'
  season: string
  location?: string
  description?: string
  opensOn: string
  closesOn: string
  priceA: string
  priceB: string
  priceC: string
  priceD: string
  companion?: boolean
  shuttle?: boolean
  sessionLabel: string
  sessionOn: string
  sessionAt?: string
  capacity: number
}

/**
 * An agent adds a workshop, outing or event to a season's programme, with
 * its first session: for residents of 60 and over, prices in cents by band.
 */
export default async function createSeniorActivity(input: SeniorActivityInput) {
  return db.transaction(async (trx) => {
    const activity = await Activity.create(
      {
        owner: OWNER,
        kind: input.kind,
        name: input.name,
        description: input.description ?? null,
        season: input.season,
        location: input.location ?? null,
        minAge: 60,
        maxAge: 120,
        pricing: 'session',
        prices: {
          A: cents(input.priceA),
          B: cents(input.priceB),
          C: cents(input.priceC),
          D: cents(input.priceD),
        },
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        active: true,
        options: { companion: input.companion === true, shuttle: input.shuttle === true },
      },
      { client: trx }
    )
    const session = await ActivitySession.create(
      {
        owner: OWNER,
        activityId: activity.id,
        label: input.sessionLabel,
        startsOn: input.sessionOn,
        endsOn: input.sessionOn,
        startsAt: input.sessionAt ?? null,
        capacity: input.capacity,
        closed: false,
      },
      { client: trx }
    )
    return { activity, session }
  })
}
