/**
 * Procedures the city only relays: done on the State's services, listed
 * here with a short explanation and the official link (marked external).
 */
export const NATIONAL_PROCEDURES = [
  {
    key: 'predemande',
    url: 'https://ants.gouv.fr/nos-missions/les-titres-geres-par-l-ants/carte-nationale-d-identite',
  },
  {
    key: 'driving_licence',
    url: 'https://ants.gouv.fr/nos-missions/les-titres-geres-par-l-ants/permis-de-conduire',
  },
  {
    key: 'vehicle_registration',
    url: 'https://ants.gouv.fr/nos-missions/les-titres-geres-par-l-ants/certificat-d-immatriculation',
  },
  { key: 'electoral_roll', url: 'https://www.service-public.fr/particuliers/vosdroits/R16396' },
  { key: 'birth_certificate', url: 'https://www.service-public.fr/particuliers/vosdroits/R1406' },
  { key: 'moving', url: 'https://www.service-public.fr/particuliers/vosdroits/R11193' },
].map((entry) => ({ ...entry, host: new URL(entry.url).hostname }))
