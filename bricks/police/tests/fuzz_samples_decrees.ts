import db from '@adonisjs/lucid/services/db'
import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

/**
 * The records the police routes need in the forms fuzzer: a draft decree the
 * agents' routes point to, and a published one for /arretes/:number.
 */
const fuzzSamples: FuzzSamplesBuilder = async () => {
  const now = dbTimestamp(clock.now())
  const decree = (row: Record<string, unknown>) =>
    db
      .table('police_decrees')
      .insert({
        title: 'Arrêté du marché',
        kind: 'reglementaire',
        signatory: 'Le maire',
        signed_on: clock.today(),
        places: 'Rue du Marché',
        search_text: 'arrete du marche rue du marche reglementaire',
        storage_key: 'police/decrees/absent.pdf',
        original_name: 'arrete.pdf',
        size: 10,
        sha256: '0'.repeat(64),
        created_at: now,
        ...row,
      })
      .returning('id')
  const idOf = (row: unknown) =>
    Number(typeof row === 'object' && row !== null ? (row as { id: number }).id : row)
  const [draft] = await decree({})
  const year = clock.local().year
  await decree({
    year,
    sequence: 9999,
    number: `${year}-9999`,
    registered_at: now,
    published_at: now,
  })
  const id = idOf(draft)
  const number = `${year}-9999`
  return {
    params: {
      '/agents/police-municipale/arretes/:id': [{ params: { id } }],
      '/agents/police-municipale/arretes/:id/pdf': [{ params: { id } }],
      '/agents/police-municipale/arretes/:id/modifier': [{ params: { id } }],
      '/agents/police-municipale/arretes/:id/suppression': [{ params: { id } }],
      '/agents/police-municipale/arretes/:id/enregistrement': [{ params: { id } }],
      '/agents/police-municipale/arretes/demandes/:id': [{ params: { id } }],
      '/police-municipale/mes-arretes/:number': [{ params: { number }, who: 'resident' }],
      '/arretes/:number': [{ params: { number } }],
      '/arretes/:number/pdf': [{ params: { number } }],
    },
  }
}

export default fuzzSamples
