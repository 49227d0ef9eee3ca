import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#accounts/models/user'
import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import { issueInvoice } from '#payments/actions/issue_invoice'
import { DEMO_RESIDENT } from '#core/demo/demo_city'
import { clock } from '#core/clock'

const SOURCE = 'payments:demo:parking'

/**
 * Demo payments: the demo resident's residential parking permit, invoiced
 * three weeks ago and paid online the next day, so the resident's space and
 * the finance pages show a settled invoice and its payment (the childhood
 * brick adds an invoice still to pay).
 */
export default async function seedPayments({ trx }: { trx?: unknown }) {
  const client = trx as TransactionClientContract
  const resident = await User.findBy('email', DEMO_RESIDENT.email, { client })
  if (!resident || (await Invoice.query({ client }).where('source', SOURCE).first())) return
  const issuedAt = clock
    .now()
    .minus({ days: 21 })
    .set({ hour: 8, minute: 0, second: 0, millisecond: 0 })
  const invoice = await issueInvoice(
    {
      payer: { userId: resident.id, name: resident.fullName, email: resident.email },
      serviceSlug: 'accueil',
      label: 'Stationnement résidentiel — abonnement annuel',
      dueOn: issuedAt.plus({ days: 30 }).toISODate()!,
      lines: [{ label: 'Abonnement résident, zone centre', quantity: 1, unitCents: 4500 }],
      source: SOURCE,
    },
    client,
    issuedAt
  )
  const paidAt = issuedAt.plus({ days: 1, hours: 12 })
  await Payment.create(
    {
      invoiceId: invoice.id,
      provider: 'payfip',
      refdet: `${invoice.number.replace(/[^A-Za-z0-9]/g, '')}DEMO`.slice(-30),
      operationId: null,
      amountCents: invoice.amountCents,
      status: 'paid',
      resultCode: 'P',
      authorisation: 'DEMO01',
      paidAt,
      createdAt: paidAt,
    },
    { client }
  )
  invoice.useTransaction(client)
  invoice.merge({ paidCents: invoice.amountCents, status: 'paid', createdAt: issuedAt })
  await invoice.save()
}
