import env from '#start/env'

/** The city that runs this Parvis, and product-wide settings. */
const parvisConfig = {
  city: {
    name: env.get('CITY_NAME', 'Évry-Courcouronnes'),
    /** path of the logo under public/ */
    logo: '/images/logo.svg',
    address: 'Place des Droits de l’Homme et du Citoyen, 91000 Évry-Courcouronnes',
    phone: '01 60 91 63 00',
  },
  referencePrefix: env.get('REFERENCE_PREFIX', 'PRV'),
  locales: ['fr', 'en'] as const,
  defaultLocale: 'fr' as const,
  appUrl: env.get('APP_URL', `http://${env.get('HOST', 'localhost')}:${env.get('PORT', 3333)}`),
}

export default parvisConfig
