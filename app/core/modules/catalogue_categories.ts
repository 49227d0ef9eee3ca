/**
 * The categories of the `/demarches` catalogue, in the order residents see
 * them. Declared once in the core so that every module files its procedures
 * and catalogue entries under the same headings, picking one by key; the
 * label of each is `common.catalogue_categories.<key>`. An entry that names
 * none is listed under `other`, always last.
 */
export const CATALOGUE_CATEGORIES = [
  'civil_status',
  'family',
  'solidarity',
  'safety',
  'living_environment',
  'payments',
  'other',
] as const

export type CatalogueCategory = (typeof CATALOGUE_CATEGORIES)[number]

/** The category an entry is listed under: its own if the core knows it, else `other`. */
export function categoryOf(category: string | undefined): CatalogueCategory {
  return (CATALOGUE_CATEGORIES as readonly string[]).includes(category ?? '')
    ? (category as CatalogueCategory)
    : 'other'
}
