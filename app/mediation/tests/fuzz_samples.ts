import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import RegisterPostalResident from '#mediation/actions/register_postal_resident'
import { giveMandate } from '#mediation/tests/support'

/**
 * Mediation in the forms fuzzer: the resident's mandates to the admin (who
 * is in every service, the mediators' included), one to revoke and one to
 * open a session under, and a postal-only resident the admin registered,
 * whose letter is printed.
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ resident, admin }) => {
  const kept = await giveMandate(resident, admin, ['demands'])
  const spare = await giveMandate(resident, admin, ['appointments'])
  const postal = await new RegisterPostalResident().handle(admin, {
    firstName: 'Jeanne',
    lastName: 'Lefèvre',
    addressLine: '3 rue des Tilleuls',
    postalCode: '91000',
    city: 'Évry-Courcouronnes',
  })
  return {
    params: {
      '/mon-espace/mandats/:id/revocation': [{ params: { id: spare.id }, who: 'resident' }],
      '/agents/mediation/mandats/:id/session': [{ params: { id: kept.id }, who: 'agent' }],
      '/agents/mediation/mandats/:id/formulaire': [{ params: { id: kept.id }, who: 'agent' }],
      '/agents/mediation/usagers/:id/courrier': [{ params: { id: postal.id }, who: 'agent' }],
    },
  }
}

export default fuzzSamples
