import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import Payment from '#payments/models/payment'
import { issueInvoice } from '#payments/actions/issue_invoice'

/**
 * The records the payments routes need in the forms fuzzer
 * (tests/functional/fuzz), next to the demo's invoice of the resident: an
 * invoice of its own to cancel or credit (so the forms that pay the demo's
 * invoice still find it payable), and an online payment flagged as not
 * matching its request, for the decision form.
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ resident, invoice }) => {
  const spare = await issueInvoice({
    payer: { userId: resident.id, name: resident.fullName, email: resident.email },
    serviceSlug: invoice.serviceSlug,
    label: 'Facture à corriger',
    dueOn: invoice.dueOn,
    lines: [{ label: 'Repas', quantity: 4, unitCents: 300 }],
  })
  const flagged = await Payment.create({
    invoiceId: spare.id,
    provider: 'payfip',
    refdet: `FUZZ${spare.id}`,
    operationId: `fuzz-${spare.id}`,
    amountCents: 1200,
    status: 'mismatch',
    flag: 'Résultat PayFiP différent de la demande : montant',
  })
  return {
    params: {
      '/agents/paiements/factures/:id': [{ params: { id: invoice.id } }],
      '/agents/paiements/factures/:id/paiements': [{ params: { id: invoice.id } }],
      '/agents/paiements/factures/:id/annulation': [{ params: { id: spare.id } }],
      '/agents/paiements/factures/:id/avoirs': [{ params: { id: spare.id } }],
      '/agents/paiements/encaissements/:id': [{ params: { id: flagged.id } }],
      '/agents/paiements/encaissements/:id/decision': [{ params: { id: flagged.id } }],
    },
  }
}

export default fuzzSamples
