import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { isPublicHoliday } from '#core/services/french_calendar'
import Registration from '../models/registration.js'
import type ActivitySession from '../models/activity_session.js'
import type { Band } from '../models/activity.js'

/** A placed child's session to invoice in a month, before the family's band is known. */
export interface ActivityCharge {
  userId: number
  householdMemberId: number
  session: ActivitySession
  /** séances (days) for a price per séance; 1 for a price per period */
  quantity: number
}

/**
 * The days of a session within a month that count as séances: every day of
 * the session in that month except Sundays and public holidays (a Wednesday
 * session is one séance; a holiday week priced per séance, five).
 */
export function sessionDaysIn(
  session: Pick<ActivitySession, 'startsOn' | 'endsOn'>,
  month: string
) {
  const days: string[] = []
  for (
    let day = DateTime.fromISO(session.startsOn, { zone: 'Europe/Paris' });
    day.toISODate()! <= session.endsOn;
    day = day.plus({ days: 1 })
  ) {
    if (!day.toISODate()!.startsWith(month)) continue
    if (day.weekday === 7 || isPublicHoliday(day)) continue
    days.push(day.toISODate()!)
  }
  return days
}

/**
 * What children with a place owe for activities in a month: per séance,
 * each séance of the month (a session across two months is shared between
 * them); per period, the whole session once, in the month it starts.
 * Waiting, cancelled and refused registrations owe nothing.
 */
export async function activityCharges(month: string, client?: QueryClientContract) {
  const first = DateTime.fromISO(`${month}-01`, { zone: 'Europe/Paris' })
  const firstDay = first.toISODate()!
  const lastDay = first.endOf('month').toISODate()!
  const registrations = await Registration.query({ client })
    .where('status', 'placed')
    .whereHas('session', (session) =>
      session.where('startsOn', '<=', lastDay).where('endsOn', '>=', firstDay)
    )
    .preload('session', (session) => session.preload('activity'))
    .orderBy('id')
  const charges: ActivityCharge[] = []
  for (const registration of registrations) {
    const session = registration.session
    const quantity =
      session.activity.pricing === 'period'
        ? Number(session.startsOn.startsWith(month))
        : sessionDaysIn(session, month).length
    if (quantity > 0)
      charges.push({
        userId: registration.userId,
        householdMemberId: registration.householdMemberId,
        session,
        quantity,
      })
  }
  return charges
}

/** The invoice line of a charge at the family's band. */
export function activityLine(charge: ActivityCharge, childName: string, band: Band) {
  const activity = charge.session.activity
  const unit = activity.pricing === 'period' ? 'la période' : 'la séance'
  const what = `${activity.name}, ${charge.session.label}`
  const who = ` : ${childName} (tranche ${band}, ${unit})`
  // Invoice lines hold 200 characters: a long activity name gives way to the child and the band.
  return {
    label: what.slice(0, 200 - who.length) + who,
    quantity: charge.quantity,
    unitCents: activity.prices[band],
  }
}
