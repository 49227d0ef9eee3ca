import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import User from '#accounts/models/user'
import HouseholdMember from '#accounts/models/household_member'
import { isPublicHoliday } from '#core/services/french_calendar'
import { issueInvoice } from '#payments/actions/issue_invoice'
import { enqueue } from '#jobs/enqueue'
import CanteenRegistration from '../models/canteen_registration.js'
import { bandOf, mealPrices } from './bands.js'
import Quotient from '../models/quotient.js'
import type { Band } from '../models/activity.js'
import { clock } from '#core/clock'
import { holidayDaysOf } from '../queries/holidays.js'
import { activityCharges, activityLine, type ActivityCharge } from './activity_fees.js'
import { absentDaysOf, withAbsences } from './absences.js'

/** The school year a month belongs to: September to August. */
export function schoolYearOf(month: string) {
  const [year, number] = month.split('-').map(Number)
  return number >= 9 ? `${year}-${year + 1}` : `${year - 1}-${year}`
}

/**
 * The days of a month the child eats at school: their weekdays, not public
 * holidays, not school holidays of the city's zone (`schoolHolidays`, see
 * holidayDaysOf), not marked absent.
 */
export function canteenDays(
  registration: Pick<CanteenRegistration, 'weekdays' | 'absences'>,
  month: string,
  schoolHolidays: ReadonlySet<string> = new Set()
) {
  const first = DateTime.fromISO(`${month}-01`, { zone: 'Europe/Paris' })
  const days: string[] = []
  for (let day = first; day.month === first.month; day = day.plus({ days: 1 })) {
    if (!registration.weekdays.includes(day.weekday) || isPublicHoliday(day)) continue
    const iso = day.toISODate()!
    if (schoolHolidays.has(iso)) continue
    if (!registration.absences.includes(iso)) days.push(iso)
  }
  return days
}

const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
]

/**
 * One month's invoicing: one invoice per family with a line per child at
 * the canteen (days eaten × the meal price of the family's band; school
 * holidays of the city's zone are not days eaten) and a line per activity
 * session a child has a place in (per séance or per period, at the
 * activity's price for the band; see activityCharges), each invoice issued
 * once (its source key is the family and the month, so running it again
 * adds nothing), and one mail per new invoice, through jobs. The meal
 * prices are the settings in force when the run starts.
 */
export async function invoiceCanteenMonth(
  month: string,
  options: { dueInDays?: number; now?: DateTime } = {}
) {
  const now = options.now ?? clock.now()
  const year = schoolYearOf(month)
  const registrations = await CanteenRegistration.query()
    .where('schoolYear', year)
    .where('status', 'active')
    .orderBy('userId')
    .orderBy('id')
  const byFamily = new Map<number, CanteenRegistration[]>()
  for (const registration of registrations)
    byFamily.set(registration.userId, [...(byFamily.get(registration.userId) ?? []), registration])
  const activities = new Map<number, ActivityCharge[]>()
  for (const charge of await activityCharges(month)) {
    activities.set(charge.userId, [...(activities.get(charge.userId) ?? []), charge])
    if (!byFamily.has(charge.userId)) byFamily.set(charge.userId, [])
  }
  const schoolHolidays = await holidayDaysOf(month)
  const monthName = `${MONTHS_FR[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`
  const dueOn = now
    .setZone('Europe/Paris')
    .plus({ days: options.dueInDays ?? 30 })
    .toISODate()!
  const prices = await mealPrices()
  let issued = 0
  let skipped = 0
  // Families, their children and their bands are read in bulk, a thousand families at a time.
  const ids = [...byFamily.keys()]
  const users = new Map<number, User>()
  const children = new Map<number, HouseholdMember>()
  const bands = new Map<number, Band>()
  for (let start = 0; start < ids.length; start += 1000) {
    const chunk = ids.slice(start, start + 1000)
    for (const user of await User.query().whereIn('id', chunk)) users.set(user.id, user)
    for (const child of await HouseholdMember.query()
      .whereIn('userId', chunk)
      .where('kind', 'child'))
      children.set(child.id, child)
    const quotients = await Quotient.query()
      .whereIn('userId', chunk)
      .where('status', 'validated')
      .orderBy('id')
    for (const quotient of quotients) bands.set(quotient.userId, bandOf(quotient.value))
  }
  // Absences recorded or declared over a range of days: none of their days is billed.
  const absent = await absentDaysOf(
    registrations.map((registration) => registration.householdMemberId),
    month
  )
  for (const [userId, own] of byFamily) {
    const user = users.get(userId)
    if (!user) continue
    const band = bands.get(userId) ?? 'D'
    const meals = own
      .map((registration) => ({
        registration,
        days: canteenDays(withAbsences(registration, absent), month, schoolHolidays).length,
      }))
      .filter(({ days }) => days > 0)
      .map(({ registration, days }) => ({
        label: `Repas de ${children.get(registration.householdMemberId)?.firstName ?? '?'} (tranche ${band})`,
        quantity: days,
        unitCents: prices[band],
      }))
    const fees = (activities.get(userId) ?? []).map((charge) =>
      activityLine(charge, children.get(charge.householdMemberId)?.firstName ?? '?', band)
    )
    const lines = [...meals, ...fees]
    if (lines.length === 0) continue
    const label = fees.length
      ? `Enfance, cantine et activités — ${monthName}`
      : `Restauration scolaire — ${monthName}`
    const source = `childhood:canteen:${userId}:${month}`
    await db.transaction(async (trx) => {
      const before = await trx.from('invoices').where('source', source).first()
      if (before) {
        skipped++
        return
      }
      const invoice = await issueInvoice(
        {
          payer: { userId, name: user.fullName, email: user.email },
          serviceSlug: 'enfance',
          label,
          dueOn,
          lines,
          source,
        },
        trx,
        now
      )
      await enqueue(
        'childhood_invoice_mail',
        { invoiceId: invoice.id },
        { client: trx, idempotencyKey: `childhood_invoice_mail:${invoice.id}` }
      )
      issued++
    })
  }
  return { issued, skipped, families: byFamily.size }
}
