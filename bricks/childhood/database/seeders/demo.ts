import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#accounts/models/user'
import HouseholdMember from '#accounts/models/household_member'
import { issueInvoice } from '#payments/actions/issue_invoice'
import School from '../../models/school.js'
import Activity from '../../models/activity.js'
import ActivitySession from '../../models/activity_session.js'
import ChildRecord from '../../models/child_record.js'
import CanteenRegistration from '../../models/canteen_registration.js'
import Quotient from '../../models/quotient.js'
import Registration from '../../models/registration.js'
import { canteenDays, schoolYearOf } from '../../services/canteen.js'
import { mealPrices } from '../../services/bands.js'
import SchoolHoliday from '../../models/school_holiday.js'
import { holidayDaysOf } from '../../queries/holidays.js'
import Agent from '#accounts/models/agent'
import Service from '#accounts/models/service'
import { grantPermissions } from '#accounts/services/permissions'
import { clock } from '#core/clock'

/**
 * Demo childhood: two schools, Wednesday activities and a holiday centre
 * with a few sessions, the demo family's two children registered to the
 * canteen with a validated quotient (band B), and last month's canteen
 * invoice to pay; the elder registered three days ago to the holiday
 * centre's first week, so the family's space shows a registration.
 */
export default async function seedChildhood({ trx }: { trx?: unknown }) {
  const client = trx as TransactionClientContract
  await grantDemoPermissions(client)
  if (await School.query({ client }).first()) return
  const ferry = await School.create(
    {
      name: 'École élémentaire Jules Ferry',
      address: '4 rue Jules Ferry, 91000 Évry-Courcouronnes',
      classes: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'],
    },
    { client }
  )
  await School.create(
    {
      name: 'École maternelle Les Tilleuls',
      address: '10 allée des Tilleuls, 91080 Évry-Courcouronnes',
      classes: ['Petite section', 'Moyenne section', 'Grande section'],
    },
    { client }
  )
  // The zone C school holidays of 2026–2027 (the city's zone by default), as an import of the national calendar gives them.
  for (const [label, startsOn, endsOn] of [
    ['Vacances de la Toussaint', '2026-10-17', '2026-11-01'],
    ['Vacances de Noël', '2026-12-19', '2027-01-03'],
    ["Vacances d'Hiver", '2027-02-20', '2027-03-07'],
    ['Vacances de Printemps', '2027-04-17', '2027-05-02'],
    ["Vacances d'Été", '2027-07-03', '2027-08-31'],
  ])
    await SchoolHoliday.create({ zone: 'C', label, startsOn, endsOn, source: 'import' }, { client })

  const today = clock.local()
  const wednesdays = await Activity.create(
    {
      kind: 'periscolaire',
      name: 'Mercredis récréatifs',
      description: 'Accueil de loisirs le mercredi, de 8 h 30 à 17 h 30, avec repas.',
      minAge: 3,
      maxAge: 11,
      pricing: 'session',
      prices: { A: 300, B: 650, C: 950, D: 1300 },
      opensOn: today.minus({ days: 7 }).toISODate()!,
      closesOn: today.plus({ months: 3 }).toISODate()!,
      active: true,
    },
    { client }
  )
  let wednesday = today.plus({ days: 1 })
  while (wednesday.weekday !== 3) wednesday = wednesday.plus({ days: 1 })
  for (let index = 0; index < 4; index++) {
    const day = wednesday.plus({ weeks: index })
    await ActivitySession.create(
      {
        activityId: wednesdays.id,
        label: `Mercredi ${day.setLocale('fr').toFormat('d LLLL')}`,
        startsOn: day.toISODate()!,
        endsOn: day.toISODate()!,
        capacity: index === 0 ? 2 : 24,
      },
      { client }
    )
  }
  const holidays = await Activity.create(
    {
      kind: 'extrascolaire',
      name: 'Centre de loisirs des vacances',
      description: 'Semaines d’accueil pendant les vacances scolaires, sorties et ateliers.',
      minAge: 6,
      maxAge: 12,
      pricing: 'period',
      prices: { A: 2500, B: 5000, C: 7500, D: 10000 },
      opensOn: today.minus({ days: 7 }).toISODate()!,
      closesOn: today.plus({ months: 2 }).toISODate()!,
      active: true,
    },
    { client }
  )
  const monday = today.plus({ weeks: 4 }).startOf('week')
  const holidayWeeks = []
  for (let index = 0; index < 2; index++) {
    const start = monday.plus({ weeks: index })
    holidayWeeks[index] = await ActivitySession.create(
      {
        activityId: holidays.id,
        label: `Semaine du ${start.setLocale('fr').toFormat('d LLLL')}`,
        startsOn: start.toISODate()!,
        endsOn: start.plus({ days: 4 }).toISODate()!,
        capacity: 30,
      },
      { client }
    )
  }

  const family = await User.findBy('email', 'marie.dupont@example.org', { client })
  if (!family) return
  const children = await HouseholdMember.query({ client })
    .where('userId', family.id)
    .where('kind', 'child')
  await Quotient.create(
    { userId: family.id, value: 720, documentKey: null, documentName: null, status: 'validated' },
    { client }
  )
  const lastMonth = today.minus({ months: 1 }).toFormat('yyyy-MM')
  const registrations = []
  for (const child of children) {
    await ChildRecord.create(
      {
        householdMemberId: child.id,
        schoolId: ferry.id,
        className: child.schoolClass,
        verifiedAt: clock.now(),
        verifiedBy: null,
      },
      { client }
    )
    registrations.push(
      await CanteenRegistration.create(
        {
          householdMemberId: child.id,
          userId: family.id,
          schoolYear: schoolYearOf(lastMonth),
          days: '1,2,4,5',
          status: 'active',
          absences: [],
        },
        { client }
      )
    )
  }
  const elder = children.find(
    (child) => child.birthDate && today.diff(child.birthDate, 'years').years >= holidays.minAge
  )
  if (elder) {
    const registeredAt = clock
      .now()
      .minus({ days: 3 })
      .set({ hour: 18, minute: 15, second: 0, millisecond: 0 })
    await Registration.create(
      {
        sessionId: holidayWeeks[0].id,
        householdMemberId: elder.id,
        userId: family.id,
        status: 'placed',
        acceptedAt: null,
        attendance: {},
        createdAt: registeredAt,
        updatedAt: registeredAt,
      },
      { client }
    )
  }
  const prices = await mealPrices(client)
  const schoolHolidays = await holidayDaysOf(lastMonth, client)
  const lines = registrations.map((registration) => ({
    label: `Repas de ${children.find((child) => child.id === registration.householdMemberId)!.firstName} (tranche B)`,
    quantity: canteenDays(registration, lastMonth, schoolHolidays).length,
    unitCents: prices.B,
  }))
  await issueInvoice(
    {
      payer: { userId: family.id, name: family.fullName, email: family.email },
      serviceSlug: 'enfance',
      label: `Restauration scolaire — ${DateTime.fromISO(`${lastMonth}-01`).setLocale('fr').toFormat('LLLL yyyy')}`,
      dueOn: today.plus({ days: 20 }).toISODate()!,
      lines,
      source: `childhood:canteen:${family.id}:${lastMonth}`,
    },
    client
  )
}

/** The demo city's childhood agent accepts registrations and runs the canteen invoicing, as the demo journeys show. */
async function grantDemoPermissions(client: TransactionClientContract) {
  const agent = await Agent.findBy('email', 'enfance@parvis.localhost', { client })
  const service = await Service.findBy('slug', 'enfance', { client })
  if (agent && service)
    await grantPermissions(
      agent.id,
      service.id,
      ['childhood.registrations.manage', 'childhood.invoicing.run', 'childhood.schools.manage'],
      client
    )
}
