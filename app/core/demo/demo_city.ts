import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Setting from '#core/models/setting'
import modules from '#core/services/modules'
import { clock } from '#core/clock'

/**
 * The demo city, modelled on Évry-Courcouronnes: who is in it (its services,
 * a few agents, an admin, a resident with a household). Each module writes
 * its own part in the `seed` of its manifest (accounts the people, demands
 * their demands, bricks their agendas and activities…); seedDemoCity runs
 * them once, never in production.
 */
export const DEMO_PASSWORD = 'demo-parvis-evry-2026'

export const CITY_SERVICES = [
  {
    slug: 'accueil',
    name: 'Accueil',
    email: 'accueil@parvis.localhost',
    description: 'Accueil général, orientation et démarches au guichet.',
  },
  {
    slug: 'etat_civil',
    name: 'État civil',
    email: 'etat-civil@parvis.localhost',
    description: 'Cartes d’identité, passeports, actes et élections.',
  },
  {
    slug: 'enfance',
    name: 'Enfance',
    email: 'enfance@parvis.localhost',
    description: 'Périscolaire, extrascolaire et restauration scolaire.',
  },
  {
    slug: 'solidarites',
    name: 'Solidarités',
    email: 'social@parvis.localhost',
    description: 'Seniors, logement social et action sociale.',
  },
  {
    slug: 'tranquillite_publique',
    name: 'Police municipale',
    email: 'police@parvis.localhost',
    description: 'Tranquillité vacances et arrêtés municipaux.',
  },
  {
    slug: 'services_techniques',
    name: 'Services techniques',
    email: 'technique@parvis.localhost',
    description: 'Voirie, éclairage public, propreté.',
  },
]

export const DEMO_AGENTS: {
  email: string
  firstName: string
  lastName: string
  role: 'admin' | 'supervisor' | 'agent'
  services: string[]
}[] = [
  {
    email: 'admin@parvis.localhost',
    firstName: 'Alice',
    lastName: 'Martin',
    role: 'admin',
    services: ['accueil'],
  },
  {
    email: 'accueil@parvis.localhost',
    firstName: 'Karim',
    lastName: 'Benali',
    role: 'agent',
    services: ['accueil'],
  },
  {
    email: 'etat-civil@parvis.localhost',
    firstName: 'Sophie',
    lastName: 'Durand',
    role: 'supervisor',
    services: ['etat_civil', 'accueil'],
  },
  {
    email: 'enfance@parvis.localhost',
    firstName: 'Nadia',
    lastName: 'Lefèvre',
    role: 'agent',
    services: ['enfance'],
  },
  {
    email: 'social@parvis.localhost',
    firstName: 'Jean',
    lastName: 'Moreau',
    role: 'agent',
    services: ['solidarites'],
  },
  {
    email: 'police@parvis.localhost',
    firstName: 'Thomas',
    lastName: 'Garcia',
    role: 'agent',
    services: ['tranquillite_publique'],
  },
  {
    email: 'technique@parvis.localhost',
    firstName: 'Paul',
    lastName: 'Roux',
    role: 'agent',
    services: ['services_techniques'],
  },
]

export const DEMO_RESIDENT = {
  email: 'marie.dupont@example.org',
  firstName: 'Marie',
  lastName: 'Dupont',
}

/**
 * The rows `npm start` prints: where the portal answers (the same base as the
 * mails' links) and how to log in. Mails are said to be kept for admins only
 * when no SMTP server is set; otherwise the banner names the server.
 */
export function demoBanner(options: {
  appUrl: string
  smtp?: { host: string; port: number } | null
}): [string, string][] {
  const base = options.appUrl
  return [
    ['Portal', `${base}/`],
    ['Agents', `${base}/agents/connexion`],
    ['Resident', `${DEMO_RESIDENT.email} / ${DEMO_PASSWORD}`],
    ...DEMO_AGENTS.map((agent): [string, string] => [
      `Agent (${agent.role}, ${agent.services.join(', ')})`,
      `${agent.email} / ${DEMO_PASSWORD}`,
    ]),
    options.smtp
      ? [
          'Mails',
          `sent through SMTP ${options.smtp.host}:${options.smtp.port} (log at ${base}/agents/admin/mails)`,
        ]
      : ['Mails (no SMTP set)', `${base}/agents/admin/mails`],
  ]
}

export const DEMO_SEEDED_KEY = 'demo_city_seeded_at'

export async function isDemoSeeded(client?: TransactionClientContract) {
  return (await Setting.read(DEMO_SEEDED_KEY, client)) !== null
}

/**
 * Seeds the demo city once, in the given transaction: every enabled module's
 * `seed`, in the modules' order (accounts first, bricks last), then the flag
 * that says it is done. A second call adds nothing.
 */
export async function seedDemoCity(trx: TransactionClientContract) {
  if (await isDemoSeeded(trx)) return
  for (const { definition } of modules.enabledModules()) {
    if (definition.seed) await (await definition.seed()).default({ trx })
  }
  await Setting.write(DEMO_SEEDED_KEY, clock.now().toISO()!, trx)
}
