import { DateTime } from 'luxon'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import { nextReference } from '#demands/services/reference'
import { addWorkingDays } from '#core/services/french_calendar'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Service from '#accounts/models/service'
import Agent, { type AgentRole } from '#accounts/models/agent'
import User from '#accounts/models/user'
import HouseholdMember from '#accounts/models/household_member'
import Setting from '#core/models/setting'
import { clock } from '#core/clock'

/**
 * The demo city, modelled on Évry-Courcouronnes: its services, a few agents,
 * an admin and a resident with a household. Seeded once, never in production.
 */
export const DEMO_PASSWORD = 'demo-parvis-evry-2026'

export const CITY_SERVICES = [
  { slug: 'accueil', name: 'Accueil', email: 'accueil@parvis.localhost', description: 'Accueil général, orientation et démarches au guichet.' },
  { slug: 'etat_civil', name: 'État civil', email: 'etat-civil@parvis.localhost', description: 'Cartes d’identité, passeports, actes et élections.' },
  { slug: 'enfance', name: 'Enfance', email: 'enfance@parvis.localhost', description: 'Périscolaire, extrascolaire et restauration scolaire.' },
  { slug: 'social', name: 'Solidarités', email: 'social@parvis.localhost', description: 'Seniors, logement social et action sociale.' },
  { slug: 'police_municipale', name: 'Police municipale', email: 'police@parvis.localhost', description: 'Tranquillité vacances et arrêtés municipaux.' },
  { slug: 'services_techniques', name: 'Services techniques', email: 'technique@parvis.localhost', description: 'Voirie, éclairage public, propreté.' },
]

export const DEMO_AGENTS: { email: string; firstName: string; lastName: string; role: AgentRole; services: string[] }[] = [
  { email: 'admin@parvis.localhost', firstName: 'Alice', lastName: 'Martin', role: 'admin', services: ['accueil'] },
  { email: 'accueil@parvis.localhost', firstName: 'Karim', lastName: 'Benali', role: 'agent', services: ['accueil'] },
  { email: 'etat-civil@parvis.localhost', firstName: 'Sophie', lastName: 'Durand', role: 'supervisor', services: ['etat_civil', 'accueil'] },
  { email: 'enfance@parvis.localhost', firstName: 'Nadia', lastName: 'Lefèvre', role: 'agent', services: ['enfance'] },
  { email: 'social@parvis.localhost', firstName: 'Jean', lastName: 'Moreau', role: 'agent', services: ['social'] },
  { email: 'police@parvis.localhost', firstName: 'Thomas', lastName: 'Garcia', role: 'agent', services: ['police_municipale'] },
  { email: 'technique@parvis.localhost', firstName: 'Paul', lastName: 'Roux', role: 'agent', services: ['services_techniques'] },
]

export const DEMO_RESIDENT = { email: 'marie.dupont@example.org', firstName: 'Marie', lastName: 'Dupont' }

/**
 * The rows `npm start` prints: where the portal answers (the same base as the
 * mails' links) and how to log in. Mails are said to be kept for admins only
 * when no SMTP server is set; otherwise the banner names the server.
 */
export function demoBanner(options: { appUrl: string; smtp?: { host: string; port: number } | null }): [string, string][] {
  const base = options.appUrl
  return [
    ['Portal', `${base}/`],
    ['Agents', `${base}/agents/connexion`],
    ['Resident', `${DEMO_RESIDENT.email} / ${DEMO_PASSWORD}`],
    ...DEMO_AGENTS.map((agent): [string, string] => [`Agent (${agent.role}, ${agent.services.join(', ')})`, `${agent.email} / ${DEMO_PASSWORD}`]),
    options.smtp ? ['Mails', `sent through SMTP ${options.smtp.host}:${options.smtp.port} (log at ${base}/agents/admin/mails)`] : ['Mails (no SMTP set)', `${base}/agents/admin/mails`],
  ]
}

export const DEMO_SEEDED_KEY = 'demo_city_seeded_at'

export async function isDemoSeeded(client?: TransactionClientContract) {
  return (await Setting.read(DEMO_SEEDED_KEY, client)) !== null
}

/** Writes the demo city in the given transaction. */
export async function seedDemoCity(trx: TransactionClientContract) {
  const services = new Map<string, Service>()
  for (const data of CITY_SERVICES) {
    const service = await Service.updateOrCreate({ slug: data.slug }, { ...data, active: true }, { client: trx })
    services.set(data.slug, service)
  }

  for (const data of DEMO_AGENTS) {
    const agent = await Agent.updateOrCreate(
      { email: data.email },
      { firstName: data.firstName, lastName: data.lastName, role: data.role, active: true, password: DEMO_PASSWORD },
      { client: trx }
    )
    await agent.related('services').sync(data.services.map((slug) => services.get(slug)!.id), true, trx)
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
        { userId: resident.id, kind: 'adult', firstName: 'Julien', lastName: 'Dupont', birthDate: DateTime.fromISO('1983-09-30') },
        { userId: resident.id, kind: 'child', firstName: 'Léa', lastName: 'Dupont', birthDate: DateTime.fromISO('2017-02-08'), school: 'École élémentaire Jules Ferry', schoolClass: 'CM1' },
        { userId: resident.id, kind: 'child', firstName: 'Hugo', lastName: 'Dupont', birthDate: DateTime.fromISO('2020-06-21'), school: 'École maternelle Les Tilleuls', schoolClass: 'MS' },
      ],
      { client: trx }
    )
  }

  await seedDemoDemands(trx, resident)
  await Setting.write(DEMO_SEEDED_KEY, clock.now().toISO()!, trx)
}

/**
 * Two "Nous contacter" demands of the demo resident, so that the resident's
 * space and the front desk's inbox have something to show: one waiting,
 * one being processed with a message from the city. No mail is sent.
 */
async function seedDemoDemands(trx: TransactionClientContract, resident: User) {
  if (await Demand.query({ client: trx }).where('userId', resident.id).first()) return
  const karim = await Agent.findByOrFail('email', 'accueil@parvis.localhost', { client: trx })
  const samples = [
    { daysAgo: 6, state: 'in_review', answers: { topic: 'public_space', subject: 'Lampadaire éteint', message: 'Le lampadaire devant le 12 allée des Champs-Élysées reste éteint depuis une semaine.' } },
    { daysAgo: 1, state: 'submitted', answers: { topic: 'information', subject: 'Horaires de la mairie annexe', message: 'La mairie annexe de Courcouronnes est-elle ouverte le samedi matin ?' } },
  ]
  for (const sample of samples) {
    const submittedAt = clock.now().minus({ days: sample.daysAgo }).set({ hour: 9, minute: 30 })
    const demand = await Demand.create(
      {
        reference: await nextReference(trx, submittedAt),
        procedureKey: 'nous-contacter',
        serviceSlug: 'accueil',
        state: sample.state,
        origin: 'web',
        userId: resident.id,
        applicantFirstName: resident.firstName,
        applicantLastName: resident.lastName,
        applicantEmail: resident.email,
        applicantPhone: resident.phone,
        answers: sample.answers,
        currentStep: 1,
        submittedAt,
        dueAt: addWorkingDays(submittedAt, 10),
        assigneeId: sample.state === 'in_review' ? karim.id : null,
      },
      { client: trx }
    )
    await DemandEvent.create({ demandId: demand.id, kind: 'submitted', actorType: 'resident', actorId: resident.id, toState: 'submitted', visibleToResident: true, createdAt: submittedAt }, { client: trx })
    if (sample.state === 'in_review') {
      const later = submittedAt.plus({ days: 1 })
      await DemandEvent.createMany(
        [
          { demandId: demand.id, kind: 'assignment', actorType: 'agent', actorId: karim.id, body: String(karim.id), visibleToResident: false, createdAt: later },
          { demandId: demand.id, kind: 'transition', actorType: 'agent', actorId: karim.id, fromState: 'submitted', toState: 'in_review', transition: 'start_review', visibleToResident: true, createdAt: later },
          { demandId: demand.id, kind: 'message', actorType: 'agent', actorId: karim.id, body: 'Merci pour votre signalement : les services techniques interviendront cette semaine.', visibleToResident: true, createdAt: later },
        ],
        { client: trx }
      )
    }
  }
}
