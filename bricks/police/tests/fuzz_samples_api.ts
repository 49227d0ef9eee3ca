import type { FuzzSamples } from '#tests/support/fuzz_samples'
import OtvAbsence from '../models/otv_absence.js'
import Decree from '../models/decree.js'

/**
 * The records the brick's /api/v1 routes point to (read by the forms fuzzer
 * and by the OpenAPI examples' test): an OTV absence and a registered decree,
 * those the OTV and decrees samples made just before.
 */
export default async function apiSamples(): Promise<FuzzSamples> {
  const absence = await OtvAbsence.query().orderBy('id').firstOrFail()
  const decree = await Decree.query().whereNotNull('number').orderBy('id').firstOrFail()
  return {
    params: {
      '/api/v1/otv-absences/:id': [{ params: { id: absence.id } }],
      '/api/v1/decrees/:id': [{ params: { id: decree.id } }],
    },
  }
}
