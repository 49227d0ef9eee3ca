import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Service from '#accounts/models/service'
import Agent from '#accounts/models/agent'
import User from '#accounts/models/user'
import HouseholdMember from '#accounts/models/household_member'
import { CITY_SERVICES, DEMO_AGENTS, DEMO_PASSWORD, DEMO_RESIDENT } from '#core/demo/demo_city'
import { clock } from '#core/clock'

/** The demo city's people: its services, agents and admin, and the resident Marie Dupont with her household. */
export default async function seedAccounts({ trx }: { trx: TransactionClientContract }) {
  const services = new Map<string, Service>()
  for (const data of CITY_SERVICES) {
    const service = await Service.updateOrCreate(
      { slug: data.slug },
      { ...data, active: true },
      { client: trx }
    )
    services.set(data.slug, service)
  }

  for (const data of DEMO_AGENTS) {
    const agent = await Agent.updateOrCreate(
      { email: data.email },
      {
        firstName: data.firstName,
        lastName: data.lastName,
        role: data.role,
        active: true,
        password: DEMO_PASSWORD,
      },
      { client: trx }
    )
    await agent.related('services').sync(
      data.services.map((slug) => services.get(slug)!.id),
      true,
      trx
    )
  }

  const resident = await User.updateOrCreate(
    { email: DEMO_RESIDENT.email },
    {
      firstName: DEMO_RESIDENT.firstName,
      lastName: DEMO_RESIDENT.lastName,
      password: DEMO_PASSWORD,
      emailVerifiedAt: clock.now(),
      birthDate: DateTime.fromISO('1985-04-12'),
      phone: '06 12 34 56 78',
      addressLine: '12 allée des Champs-Élysées',
      postalCode: '91000',
      city: 'Évry-Courcouronnes',
      notifyByEmail: true,
      notifyBySms: false,
      locale: 'fr',
    },
    { client: trx }
  )
  const existingMembers = await HouseholdMember.query({ client: trx }).where('userId', resident.id)
  if (existingMembers.length === 0) {
    await HouseholdMember.createMany(
      [
        {
          userId: resident.id,
          kind: 'adult',
          firstName: 'Julien',
          lastName: 'Dupont',
          birthDate: DateTime.fromISO('1983-09-30'),
        },
        {
          userId: resident.id,
          kind: 'child',
          firstName: 'Léa',
          lastName: 'Dupont',
          birthDate: DateTime.fromISO('2017-02-08'),
          school: 'École élémentaire Jules Ferry',
          schoolClass: 'CM1',
        },
        {
          userId: resident.id,
          kind: 'child',
          firstName: 'Hugo',
          lastName: 'Dupont',
          birthDate: DateTime.fromISO('2020-06-21'),
          school: 'École maternelle Les Tilleuls',
          schoolClass: 'MS',
        },
      ],
      { client: trx }
    )
  }
}
