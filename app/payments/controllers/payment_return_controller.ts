import type { HttpContext } from '@adonisjs/core/http'
import { found } from '#core/http/not_found'
import Invoice from '#payments/models/invoice'
import { reconcilePayment } from '#payments/actions/reconcile_payment'
import { euros } from '#payments/services/invoice_pdf'

function operationId(ctx: HttpContext) {
  const value = ctx.request.input('idOp') ?? ctx.request.input('idop')
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : null
}

/**
 * PayFiP's two calls: the payer's browser coming back (urlredirect) and the
 * server-to-server notification (urlnotif). Both only name the operation;
 * its result is read back from PayFiP, never taken from the request.
 */
export default class PaymentReturnController {
  async back(ctx: HttpContext) {
    const id = operationId(ctx)
    const payment = found(id ? await reconcilePayment(id) : null)
    const invoice = await Invoice.findOrFail(payment.invoiceId)
    return ctx.view.render('payments::result', { payment, invoice, euros })
  }

  async notification(ctx: HttpContext) {
    const id = operationId(ctx)
    const payment = id ? await reconcilePayment(id) : null
    return ctx.response.status(payment ? 200 : 404).send(payment ? 'OK' : 'Unknown operation')
  }
}
