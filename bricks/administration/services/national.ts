import type { CatalogueCategory } from '#core/modules/catalogue_categories'

/**
 * Procedures the city only relays: done on the State's services, listed
 * here with a short explanation and the official link (marked external).
 */
const DECLARED: { key: string; url: string; category: CatalogueCategory }[] = [
  {
    key: 'predemande',
    category: 'civil_status',
    url: 'https://ants.gouv.fr/nos-missions/les-titres-geres-par-l-ants/carte-nationale-d-identite',
  },
  {
    key: 'driving_licence',
    category: 'other',
    url: 'https://ants.gouv.fr/nos-missions/les-titres-geres-par-l-ants/permis-de-conduire',
  },
  {
    key: 'vehicle_registration',
    category: 'other',
    url: 'https://ants.gouv.fr/nos-missions/les-titres-geres-par-l-ants/certificat-d-immatriculation',
  },
  {
    key: 'electoral_roll',
    category: 'civil_status',
    url: 'https://www.service-public.fr/particuliers/vosdroits/R16396',
  },
  {
    key: 'birth_certificate',
    category: 'civil_status',
    url: 'https://www.service-public.fr/particuliers/vosdroits/R1406',
  },
  {
    key: 'moving',
    category: 'civil_status',
    url: 'https://www.service-public.fr/particuliers/vosdroits/R11193',
  },
]

export const NATIONAL_PROCEDURES = DECLARED.map((entry) => ({
  ...entry,
  host: new URL(entry.url).hostname,
}))
