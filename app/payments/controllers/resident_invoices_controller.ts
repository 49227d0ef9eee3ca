import type { HttpContext } from '@adonisjs/core/http'
import Invoice from '#payments/models/invoice'
import InvoiceLine from '#payments/models/invoice_line'
import Payment from '#payments/models/payment'
import {
  startPayment,
  InvoiceNotPayableError,
  PaymentProviderUnavailableError,
} from '#payments/actions/start_payment'
import { invoicePdf, receiptPdf, euros } from '#payments/services/invoice_pdf'
import { paymentsSimulated } from '#payments/providers/index'
import { found } from '#core/http/not_found'
import { residentCreditNotes, residentInvoices } from '#payments/queries/resident_invoices'
import { routeUrl } from '#core/http/route_url'

/** Why a payment could not start, as the flash message that says so; null for anything unexpected. */
function refusalMessage(error: unknown) {
  if (error instanceof InvoiceNotPayableError) return 'payments.invoice.not_payable'
  if (error instanceof PaymentProviderUnavailableError) return 'payments.invoice.provider_down'
  return null
}

/** /mon-espace/factures: the resident's invoices, paying them online, the PDF and the payment history. */
export default class ResidentInvoicesController {
  async index({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    return view.render('payments::resident_index', { ...(await residentInvoices(user.id)), euros })
  }

  async show(ctx: HttpContext) {
    const invoice = found(await this.#own(ctx))
    const lines = await InvoiceLine.query().where('invoiceId', invoice.id).orderBy('id')
    const payments = await Payment.query()
      .where('invoiceId', invoice.id)
      .whereIn('status', ['paid', 'refused', 'cancelled', 'pending'])
      .orderBy('id', 'desc')
    return ctx.view.render('payments::resident_show', {
      invoice,
      lines,
      payments,
      creditNotes: await residentCreditNotes(invoice.id),
      euros,
      simulated: paymentsSimulated(),
    })
  }

  async pay(ctx: HttpContext) {
    const invoice = found(await this.#own(ctx))
    const user = ctx.auth.use('web').getUserOrFail()
    try {
      const { payment, redirectUrl } = await startPayment(invoice, invoice.payerEmail ?? user.email)
      return ctx.view.render('payments::redirect', {
        invoice,
        payment,
        redirectUrl,
        euros,
        simulated: paymentsSimulated(),
      })
    } catch (error) {
      return this.#payRefused(ctx, invoice, error)
    }
  }

  async pdf(ctx: HttpContext) {
    const invoice = found(await this.#own(ctx))
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header('Cache-Control', 'private, no-store')
    ctx.response.header(
      'Content-Disposition',
      `attachment; filename="facture-${invoice.number}.pdf"`
    )
    return ctx.response.send(await invoicePdf(invoice, ctx.i18n))
  }

  /** The receipt of a payment of the resident's invoice, once PayFiP has confirmed it. */
  async receipt(ctx: HttpContext) {
    const invoice = found(await this.#own(ctx))
    const payment = found(
      await Payment.query()
        .where('id', Number(ctx.params.paymentId) || 0)
        .where('invoiceId', invoice.id)
        .where('status', 'paid')
        .first()
    )
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header('Cache-Control', 'private, no-store')
    ctx.response.header(
      'Content-Disposition',
      `attachment; filename="recu-${invoice.number}-${payment.id}.pdf"`
    )
    return ctx.response.send(await receiptPdf(invoice, payment, ctx.i18n))
  }

  /** A payment that could not start (invoice no longer payable, provider down): back to the invoice, saying why. */
  #payRefused(ctx: HttpContext, invoice: Invoice, error: unknown) {
    const message = refusalMessage(error)
    if (!message) throw error
    ctx.session.flash('error', message)
    return ctx.response
      .redirect()
      .status(303)
      .toPath(routeUrl('resident.invoices.show', { id: invoice.id }))
  }

  async #own(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    const id = Number(ctx.params.id)
    if (!Number.isSafeInteger(id) || id <= 0) return null
    return Invoice.query().where('id', id).where('payerUserId', user.id).first()
  }
}
