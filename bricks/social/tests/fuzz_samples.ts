import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import Demand from '#demands/models/demand'
import { clock } from '#core/clock'
import AidDecision from '../models/aid_decision.js'

/**
 * The records the social routes need in the forms fuzzer: an aid request of
 * the demo resident before the commission, with its commission date and a
 * decision already given (so that the letter route has something to send).
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ resident }) => {
  const demand = await Demand.create({
    procedureKey: 'aide-ponctuelle',
    serviceSlug: 'solidarites',
    state: 'commission',
    origin: 'web',
    userId: resident.id,
    applicantFirstName: resident.firstName,
    applicantLastName: resident.lastName,
    applicantEmail: resident.email,
    answers: { aidType: 'food', situation: 'Essai', adults: 1, children: 0 },
    currentStep: 3,
    reference: 'PRV-2026-990001',
    submittedAt: clock.now(),
  })
  await AidDecision.create({
    demandId: demand.id,
    commissionOn: clock.today(),
    outcome: 'granted',
    amountCents: 10_000,
    decidedAt: clock.now(),
  })
  const id = { params: { id: demand.id } }
  return {
    params: {
      '/solidarites/aides/:id/decision.pdf': [id],
      '/agents/solidarites/aides/:id': [id],
      '/agents/solidarites/aides/:id/commission': [id],
      '/agents/solidarites/aides/:id/decision': [id],
    },
  }
}

export default fuzzSamples
