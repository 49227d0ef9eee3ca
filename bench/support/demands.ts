import db from '@adonisjs/lucid/services/db'
import Agent from '#accounts/models/agent'
import Service from '#accounts/models/service'

export const BENCH_SERVICES = [
  'accueil',
  'etat_civil',
  'enfance',
  'social',
  'police_municipale',
  'services_techniques',
  'urbanisme',
  'culture',
]

/** The services and one agent of `accueil`, whose inbox is measured. */
export async function benchAgent() {
  for (const slug of BENCH_SERVICES)
    await Service.firstOrCreate({ slug }, { slug, name: slug, active: true })
  const agent = await Agent.firstOrCreate(
    { email: 'bench@parvis.localhost' },
    {
      email: 'bench@parvis.localhost',
      firstName: 'Bench',
      lastName: 'Agent',
      password: 'not-used-by-the-bench',
      role: 'agent',
      active: true,
    }
  )
  const accueil = await Service.findByOrFail('slug', 'accueil')
  await agent.related('services').sync([accueil.id])
  return Agent.query().where('id', agent.id).preload('services').firstOrFail()
}

/**
 * Inserts demands numbered from `from` (inclusive) to `to` (exclusive), one
 * SQL statement on PostgreSQL. Number n was filed `n` × 2 min 18 s before now
 * (about 625 a day, Évry-Courcouronnes' rate), so higher numbers are older.
 * Demands older than 45 days are closed; younger ones are closed one time in
 * two. Eight services share them evenly (number modulo 8).
 */
export async function insertDemands(
  from: number,
  to: number,
  options: { services?: string[] } = {}
) {
  const services = options.services ?? BENCH_SERVICES
  const list = `ARRAY[${services.map((slug) => `'${slug}'`).join(',')}]`
  await db.rawQuery(
    `INSERT INTO demands (reference, procedure_key, service_slug, state, origin, user_id, applicant_first_name, applicant_last_name, applicant_email, applicant_phone,
                          answers, current_step, assignee_id, submitted_at, due_at, closed_at, created_at, updated_at)
     SELECT 'BEN-2026-' || lpad(g::text, 7, '0'), 'nous-contacter', (${list})[1 + g % ${services.length}],
            CASE WHEN closed THEN (ARRAY['accepted','refused','closed'])[1 + g % 3] ELSE (ARRAY['submitted','in_review','needs_information'])[1 + g % 3] END,
            'web', NULL, 'Prénom' || (g % 997), 'Nom' || (g % 1999), 'habitant' || g || '@example.org', NULL,
            '{"topic":"information","subject":"Objet ' || g || '","message":"Bonjour, à quelle heure ouvre la mairie annexe le samedi. Merci."}',
            1, NULL, at, at + interval '14 days', CASE WHEN closed THEN at + interval '5 days' ELSE NULL END, at, at
     FROM (
       SELECT g, now() - (g * interval '138 seconds') AS at, (g * 138 > 45 * 86400 OR (g / ${services.length}) % 2 = 0) AS closed
       FROM generate_series(?::int, ?::int) AS g
     ) AS rows`,
    [from, to - 1]
  )
  await db.rawQuery('ANALYZE demands')
}
