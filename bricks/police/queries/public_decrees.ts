import db from '@adonisjs/lucid/services/db'
import { engineOf, escapeLike } from '#core/database/dialect'
import { clock } from '#core/clock'
import Decree, { TEMPORARY_KINDS, searchKey } from '../models/decree.js'
import type { SearchInput } from '../validators/decrees.js'

export const PAGE_SIZE = 20

/** Published decrees only: drafts and individual decrees never reach a public page. */
function published() {
  return Decree.query().whereNotNull('published_at')
}

/**
 * The register as residents search it, newest number first, by pages of
 * PAGE_SIZE after a number (keyset): words (full text in French on
 * PostgreSQL; every word contained, accents and case ignored, on SQLite),
 * kind, signature dates and street.
 */
export async function searchDecrees(filters: SearchInput) {
  const query = published()
  const words = filters.q ? searchKey(filters.q) : ''
  if (words) {
    if (engineOf() === 'postgres') {
      query.whereRaw(`to_tsvector('french', search_text) @@ plainto_tsquery('french', ?)`, [words])
    } else {
      for (const word of words.split(' '))
        query.whereRaw(`search_text LIKE ? ESCAPE '\\'`, [`%${escapeLike(word)}%`])
    }
  }
  if (filters.type) query.where('kind', filters.type)
  if (filters.du) query.where('signed_on', '>=', filters.du)
  if (filters.au) query.where('signed_on', '<=', filters.au)
  const street = filters.rue ? searchKey(filters.rue) : ''
  if (street) {
    query.whereIn(
      'id',
      db
        .from('police_decree_places')
        .select('decree_id')
        .whereRaw(`place_key LIKE ? ESCAPE '\\'`, [`%${escapeLike(street)}%`])
    )
  }
  if (filters.apres) query.where('number', '<', filters.apres)
  const rows = await query.orderBy('number', 'desc').limit(PAGE_SIZE + 1)
  const decrees = rows.slice(0, PAGE_SIZE)
  return { decrees, next: rows.length > PAGE_SIZE ? decrees[decrees.length - 1].number : null }
}

/**
 * "Travaux et circulation en cours": temporary traffic and parking decrees in
 * force today and not abrogated, by street (a decree appears under each
 * street it names), streets in alphabetical order.
 */
export async function currentWorksByStreet(street?: string) {
  const today = clock.today()
  const query = db
    .from('police_decree_places as p')
    .join('police_decrees as d', 'd.id', 'p.decree_id')
    .whereNotNull('d.published_at')
    .whereIn('d.kind', TEMPORARY_KINDS)
    .where((q) => q.whereNull('d.starts_on').orWhere('d.starts_on', '<=', today))
    .where('d.ends_on', '>=', today)
    .whereNotExists((q) =>
      q
        .from('police_decrees as a')
        .whereColumn('a.target_id', 'd.id')
        .where('a.target_effect', 'abroge')
        .whereNotNull('a.published_at')
    )
    .select('p.place', 'p.place_key', 'd.number', 'd.title', 'd.kind', 'd.starts_on', 'd.ends_on')
    .orderBy('p.place_key')
    .orderBy('d.number')
    .limit(1000)
  const key = street ? searchKey(street) : ''
  if (key) query.whereRaw(`p.place_key LIKE ? ESCAPE '\\'`, [`%${escapeLike(key)}%`])
  type Street = { place: string; decrees: Record<string, string | null>[] }
  const streets = new Map<string, Street>()
  for (const row of await query) {
    const entry: Street = streets.get(row.place_key) ?? { place: row.place, decrees: [] }
    entry.decrees.push({
      number: row.number,
      title: row.title,
      kind: row.kind,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
    })
    streets.set(row.place_key, entry)
  }
  return [...streets.values()]
}

/** A published decree by its number, with the decrees it names and those that name it. */
export async function publishedDecree(number: string) {
  const decree = await published().where('number', number).first()
  if (!decree) return null
  const target = decree.targetId ? await published().where('id', decree.targetId).first() : null
  const laterOnes = await published().where('target_id', decree.id).orderBy('number')
  return { decree, target, laterOnes }
}

/** The newest published decrees, for the Atom feed. */
export async function latestDecrees(limit = 50) {
  return published().orderBy('published_at', 'desc').orderBy('number', 'desc').limit(limit)
}
