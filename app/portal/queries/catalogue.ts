import type { I18n } from '@adonisjs/i18n'
import modules from '#core/services/modules'
import {
  CATALOGUE_CATEGORIES,
  categoryOf,
  type CatalogueCategory,
} from '#core/modules/catalogue_categories'
import { residentProcedures } from '#demands/services/filing_catalogue'
import { queryText } from '#core/http/query_filters'

/**
 * The `/demarches` catalogue: the procedures residents may file and the
 * catalogue entries of the enabled modules (the national services among
 * them), grouped under the core's categories, optionally narrowed by a search.
 *
 * The search runs in memory, in the visitor's language, over what the
 * enabled modules declare in their manifests, not in the database: the
 * entries live in code, so a full-text index would be a copy to keep in
 * step with every deployment, every enabled brick and every translation, for
 * a few dozen (at most a few hundred) short texts that are scanned in well
 * under a millisecond. Being the same code on both engines, it also answers
 * the same on SQLite and PostgreSQL.
 */

export interface CatalogueItem {
  title: string
  summary: string
  href: string
  external: boolean
  category: CatalogueCategory
  /** i18n key of a comma-separated list of words */
  keywords?: string
}

export interface CatalogueGroup {
  category: CatalogueCategory
  entries: CatalogueItem[]
}

/** Longest query kept: a search box, not a document. */
export const QUERY_MAX_LENGTH = 100

/* Words that carry no meaning in a search ("carte d'identité", "a passport"). */
const STOP_WORDS = new Set(
  'au aux ce ces de des du en et la le les ma mes mon ou par pour sa ses son sur un une an and for my of on or the to'.split(
    ' '
  )
)

/* Endings stripped so that "déclaration" finds "déclarer" and "cantines" "cantine". */
const SUFFIXES = [
  'ations',
  'ation',
  'ements',
  'ement',
  'ees',
  'ee',
  'es',
  'er',
  'ez',
  'e',
  's',
  'x',
]

/** Lower case words without accents: "Pièce d’identité" → ["piece", "d", "identite"]. */
export function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
}

function stem(word: string) {
  const suffix = SUFFIXES.find(
    (ending) => word.endsWith(ending) && word.length - ending.length >= 3
  )
  return suffix ? word.slice(0, -suffix.length) : word
}

/** The words of a query worth matching: no stop words, no single letters. */
export function queryWords(query: string): string[] {
  return words(query).filter((word) => word.length > 1 && !STOP_WORDS.has(word))
}

/** Every word of the query starts a word of the text (as typed, or without its ending). */
export function matches(searched: string[], text: string[]) {
  const stems = text.map(stem)
  return searched.every(
    (word) =>
      text.some((candidate) => candidate.startsWith(word)) ||
      stems.some((candidate) => candidate.startsWith(stem(word)))
  )
}

/** What the catalogue offers now, translated: procedures first, then the modules' entries. */
export function catalogueItems(i18n: I18n): CatalogueItem[] {
  const procedures = residentProcedures().map((procedure) => ({
    title: procedure.title,
    summary: procedure.summary,
    keywords: procedure.keywords,
    href: `/demarches/${procedure.key}`,
    external: false,
    category: procedure.category,
  }))
  return [...procedures, ...modules.catalogue()].map((entry) => ({
    title: i18n.t(entry.title),
    summary: i18n.t(entry.summary),
    keywords: entry.keywords && i18n.hasMessage(entry.keywords) ? i18n.t(entry.keywords) : '',
    href: entry.href,
    external: Boolean(entry.external),
    category: categoryOf(entry.category),
  }))
}

/** The entries whose title, summary or keywords contain every word of the query. */
export function searchCatalogue(items: CatalogueItem[], query: string) {
  const searched = queryWords(query)
  if (searched.length === 0) return items
  return items.filter((item) =>
    matches(searched, words(`${item.title} ${item.summary} ${item.keywords}`))
  )
}

/** Entries under their category, in the core's order; empty categories left out. */
export function groupByCategory(items: CatalogueItem[]): CatalogueGroup[] {
  return CATALOGUE_CATEGORIES.map((category) => ({
    category,
    entries: items.filter((item) => item.category === category),
  })).filter((group) => group.entries.length > 0)
}

/** The query as the page received it: one string, trimmed and bounded. */
export function catalogueQuery(value: unknown) {
  return queryText(value, QUERY_MAX_LENGTH)
}

/** What `/demarches` shows for this visitor and query. */
export function browseCatalogue(i18n: I18n, query: string) {
  const found = searchCatalogue(catalogueItems(i18n), query)
  return { q: query, searched: query !== '', count: found.length, groups: groupByCategory(found) }
}
