import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Agent from '#accounts/models/agent'
import Service from '#accounts/models/service'
import User from '#accounts/models/user'
import { grantPermissions } from '#accounts/services/permissions'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import { DEMO_RESIDENT } from '#core/demo/demo_city'
import { SIMULATED_STREETS } from '#connectors/address_base/geocoder_simulator'
import { normalizeStreet } from '../../services/streets.js'

/** The demo city's streets (those the address simulator knows) cut into three patrol sectors. */
export const DEMO_SECTORS: Record<string, string[]> = {
  Centre: [
    'Rue de la République',
    'Place de l’Hôtel de Ville',
    'Place de la Mairie',
    'Rue Victor Hugo',
  ],
  Gare: ['Rue de la Gare', 'Avenue de la Gare', 'Rue des Lilas', 'Allée des Tilleuls'],
  Europe: ['Boulevard de l’Europe', 'Rue Pasteur', 'Rue Jules Ferry', 'Allée des Champs-Élysées'],
}

/** Homes watched: [street, number, days since departure, days until return, instructions, key holder?, alarm company?] */
const HOMES: [string, number, number, number, string | null, boolean, string | null][] = [
  [
    'Rue de la République',
    12,
    3,
    9,
    'Volets fermés, lumière programmée le soir',
    true,
    'Veille Sûre',
  ],
  ['Rue de la République', 27, 1, 13, null, false, null],
  ['Rue Victor Hugo', 8, 6, 2, 'Courrier relevé par la gardienne', true, null],
  ['Place de la Mairie', 3, 2, 20, 'Appartement au 2e étage, porte palière blindée', false, null],
  [
    'Rue de la Gare',
    14,
    4,
    10,
    'Portail fermé à clé, chien chez les voisins',
    true,
    'Protect Habitat',
  ],
  ['Avenue de la Gare', 41, 0, 14, null, true, null],
  ['Rue des Lilas', 5, 9, 5, 'Voiture grise laissée devant le garage', false, null],
  ['Boulevard de l’Europe', 102, 2, 12, 'Résidence Les Pins, bâtiment C', true, null],
  ['Rue Pasteur', 19, 5, 3, null, false, 'Veille Sûre'],
  ['Allée des Champs-Élysées', 7, -5, 20, 'Départ dans cinq jours', false, null],
]

/**
 * Demo police: the patrol agent's permissions, the streets and sectors,
 * a few homes watched today (one of them the demo resident's), and a week
 * of passages, one with an anomaly still open, so that the patrol pages of
 * `npm start` show a real round.
 */
export default async function seedPolice({ trx }: { trx?: unknown }) {
  const client = trx as TransactionClientContract
  const agent = await Agent.findBy('email', 'police@parvis.localhost', { client })
  const service = await Service.findBy('slug', 'tranquillite_publique', { client })
  if (agent && service)
    await grantPermissions(
      agent.id,
      service.id,
      ['police.otv.patrol', 'police.otv.manage', 'police.decrees.manage'],
      client
    )
  if (await client.from('police_sectors').first()) return

  const now = dbTimestamp(clock.now(), client)
  const known = new Map(SIMULATED_STREETS.map((street) => [street.name, street]))
  const streetIds = new Map<string, number>()
  for (const [sector, streets] of Object.entries(DEMO_SECTORS)) {
    const [row] = await client
      .table('police_sectors')
      .insert({ name: sector, created_at: now, updated_at: now })
      .returning('id')
    const sectorId = typeof row === 'object' ? row.id : row
    for (const name of streets) {
      if (!known.has(name)) throw new Error(`The address simulator does not know ${name}`)
      const [street] = await client
        .table('police_streets')
        .insert({
          name,
          normalized: normalizeStreet(name),
          sector_id: sectorId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
      streetIds.set(name, typeof street === 'object' ? street.id : street)
    }
  }

  const resident = await User.findBy('email', DEMO_RESIDENT.email, { client })
  const today = clock.local().startOf('day')
  const day = (offset: number) => today.plus({ days: offset }).toISODate()!
  for (const [index, [street, number, since, until, instructions, key, alarm]] of HOMES.entries()) {
    const mine = index === 0 && resident
    const [row] = await client
      .table('police_otv_absences')
      .insert({
        reference: `OTV-DEMO-${String(index + 1).padStart(3, '0')}`,
        user_id: mine ? resident.id : null,
        email: mine ? resident.email : `absence${index + 1}@exemple.fr`,
        full_name: mine ? `${resident.firstName} ${resident.lastName}` : null,
        street_id: streetIds.get(street),
        street_number: number,
        starts_on: day(-since),
        ends_on: day(until),
        status: 'active',
        home_type: index % 3 === 1 ? 'flat' : 'house',
        alarm: Boolean(alarm),
        alarm_company: alarm,
        key_holder_name: key ? 'Jeanne Voisine' : null,
        key_holder_phone: key ? '06 98 76 54 32' : null,
        reach_phone: '06 12 34 56 78',
        instructions,
        locale: 'fr',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
    const absenceId = typeof row === 'object' ? row.id : row
    // an evening round every other day since departure
    for (let back = Math.min(since, 6); back >= 1; back -= 2) {
      const last = back <= 2
      const passedAt = today.minus({ days: back }).set({ hour: 21, minute: 10 + index * 3 })
      await client.table('police_otv_passages').insert({
        absence_id: absenceId,
        agent_id: agent?.id ?? null,
        passed_at: dbTimestamp(passedAt as DateTime, client),
        remark: index === 4 && last ? 'Fenêtre du garage entrouverte' : null,
        anomaly: index === 4 && last,
        created_at: dbTimestamp(passedAt as DateTime, client),
      })
    }
  }
}
