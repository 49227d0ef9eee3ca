import { geocoder } from '#connectors/address_base/geocoder'
import { GeocoderUnavailableError } from '#connectors/address_base/geocoder_client'
import { findStreet } from './otv_declaration.js'

/**
 * The address step of a declaration: the number and street typed are looked
 * up in the national address base (a simulator offline); the street it finds
 * must be one of the city's, which decides the patrol sector. The street is
 * then saved as the base writes it. While the base does not answer, the step
 * says so and nothing typed is lost (the form comes back filled).
 */
export async function checkAddress(answers: Record<string, unknown>) {
  const typed = String(answers.street ?? '').trim()
  const query = `${answers.streetNumber ?? ''} ${typed}`.trim()
  let found
  try {
    found = (await (await geocoder()).search(query, 1))[0]
  } catch (error) {
    if (!(error instanceof GeocoderUnavailableError)) throw error
    return { errors: { street: 'police.otv.refusals.address_base_down' } }
  }
  const street = found?.street ? await findStreet(found.street) : null
  if (!found?.street) return { errors: { street: 'police.otv.refusals.unknown_address' } }
  if (!street) return { errors: { street: 'police.otv.refusals.unknown_street' } }
  return { answers: { street: street.name } }
}
