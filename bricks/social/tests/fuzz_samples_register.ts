import db from '@adonisjs/lucid/services/db'
import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import Service from '#accounts/models/service'

/**
 * The records the social brick's routes need in the forms fuzzer
 * (tests/functional/fuzz): for the register of vulnerable people, a sector,
 * a registration the demo resident made for a relative, and an alert under
 * way.
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ resident, admin }) => {
  // The brick's service (the demo city names its social service otherwise): the fuzzer's admin works in it.
  const service = await Service.firstOrCreate(
    { slug: 'solidarites' },
    { name: 'Solidarités', active: true }
  )
  await admin.related('services').sync([service.id], false)
  const now = dbTimestamp(clock.now())
  const [sector] = await db
    .table('social_register_sectors')
    .insert({ name: 'Centre-ville', streets: 'rue de la Mairie', created_at: now, updated_at: now })
    .returning('id')
  const [entry] = await db
    .table('social_register_entries')
    .insert({
      user_id: resident.id,
      agent_id: null,
      relation: 'relative',
      first_name: 'Jeanne',
      last_name: 'Durand',
      birth_date: '1948-03-12',
      disabled: false,
      phone: '01 60 12 34 56',
      address_line: '4 allée des Tilleuls',
      postal_code: '91000',
      city: 'Évry-Courcouronnes',
      sector_id: idOf(sector),
      referent_name: null,
      referent_phone: null,
      needs: null,
      consent_at: now,
      checked_at: null,
      confirmed_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
  const today = clock.local()
  const [alert] = await db
    .table('social_alerts')
    .insert({
      kind: 'heat',
      starts_on: today.minus({ days: 1 }).toISODate(),
      ends_on: today.plus({ days: 3 }).toISODate(),
      agent_id: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
  return {
    params: {
      '/solidarites/registre-vulnerables/:id/retrait': [{ params: { id: idOf(entry) } }],
      '/agents/solidarites/registre/:id': [{ params: { id: idOf(entry) } }],
      '/agents/solidarites/registre/:id/verification': [{ params: { id: idOf(entry) } }],
      '/agents/solidarites/registre/:id/suppression': [{ params: { id: idOf(entry) } }],
      '/agents/solidarites/alertes/:id': [{ params: { id: idOf(alert) } }],
      '/agents/solidarites/alertes/:id/secteurs/:sector': [
        { params: { id: idOf(alert), sector: idOf(sector) } },
      ],
      '/agents/solidarites/alertes/:id/appels': [{ params: { id: idOf(alert) } }],
    },
    kept: [
      { who: 'resident', page: '/solidarites/registre-vulnerables/inscription' },
      { who: 'agent', page: '/agents/solidarites/registre/nouveau' },
      { who: 'agent', page: '/agents/solidarites/registre/secteurs' },
    ],
  }
}

function idOf(row: unknown) {
  return Number(typeof row === 'object' && row !== null ? (row as { id: number }).id : row)
}

export default fuzzSamples
