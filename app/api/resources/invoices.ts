import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import Invoice from '#payments/models/invoice'
import Payment from '#payments/models/payment'
import InvoiceLine from '#payments/models/invoice_line'
import { issueInvoice } from '#payments/actions/issue_invoice'
import { recordDeskPayment, DeskPaymentRefused } from '#payments/actions/record_desk_payment'
import { DESK_METHODS } from '#payments/models/payment'
import { FINANCE_SERVICE } from '#payments/finance_service'
import User from '#accounts/models/user'
import { defineApiRoutes, type ApiCall } from '#api/define_api'
import { problem, ProblemError } from '#api/services/problem'
import { iso } from '#api/services/format'
import { keysetPage } from '#api/services/scope'
import { CITY_ZONE, clock } from '#core/clock'

const MAX_PAGE = 100

/** The services whose invoices the client sees: its own, every one for the finance service (as for agents). */
function scoped<T extends { whereIn: (column: string, values: string[]) => T }>(
  query: T,
  call: ApiCall
) {
  return call.client.services.includes(FINANCE_SERVICE)
    ? query
    : query.whereIn('serviceSlug', call.client.services)
}

function paymentBody(payment: Payment) {
  return {
    id: payment.id,
    invoice_id: payment.invoiceId,
    provider: payment.provider,
    method: payment.method,
    status: payment.status,
    amount_cents: payment.amountCents,
    paid_at: iso(payment.paidAt),
    created_at: iso(payment.createdAt),
  }
}

function summary(invoice: Invoice) {
  return {
    id: invoice.id,
    number: invoice.number,
    service: invoice.serviceSlug,
    label: invoice.label,
    payer: { name: invoice.payerName, email: invoice.payerEmail },
    amount_cents: invoice.amountCents,
    paid_cents: invoice.paidCents,
    credited_cents: invoice.creditedCents ?? 0,
    due_cents: invoice.dueCents,
    currency: 'EUR',
    due_on: invoice.dueOn,
    status: invoice.status,
    created_at: iso(invoice.createdAt),
  }
}

async function detail(invoice: Invoice) {
  const lines = await InvoiceLine.query().where('invoiceId', invoice.id).orderBy('id')
  const payments = await Payment.query().where('invoiceId', invoice.id).orderBy('id')
  return {
    ...summary(invoice),
    lines: lines.map((line) => ({
      label: line.label,
      quantity: line.quantity,
      unit_cents: line.unitCents,
      total_cents: line.totalCents,
    })),
    payments: payments.map(paymentBody),
  }
}

async function visibleInvoice(call: ApiCall) {
  const id = Number(call.params.id)
  const invoice = Number.isSafeInteger(id)
    ? await scoped(Invoice.query(call.trx ? { client: call.trx } : {}), call)
        .where('id', id)
        .first()
    : null
  if (!invoice) throw problem(404, 'No such invoice.')
  return invoice
}

const listQuery = vine.compile(
  vine.object({
    status: vine.enum(['issued', 'partly_paid', 'paid', 'cancelled', 'credited']).optional(),
    service: vine.string().trim().maxLength(60).optional(),
    limit: vine.number().withoutDecimals().range([1, MAX_PAGE]).optional(),
    cursor: vine.number().withoutDecimals().positive().optional(),
  })
)

const paymentsQuery = vine.compile(
  vine.object({
    invoice: vine.number().withoutDecimals().positive().optional(),
    limit: vine.number().withoutDecimals().range([1, MAX_PAGE]).optional(),
    cursor: vine.number().withoutDecimals().positive().optional(),
  })
)

const createBody = vine.compile(
  vine.object({
    service: vine.string().trim().maxLength(60),
    label: vine.string().trim().minLength(1).maxLength(200),
    due_on: vine
      .string()
      .trim()
      .maxLength(10)
      .regex(/^\d{4}-\d{2}-\d{2}$/),
    payer: vine.object({
      name: vine.string().trim().minLength(1).maxLength(200),
      email: vine.string().trim().maxLength(254).email().optional(),
    }),
    lines: vine
      .array(
        vine.object({
          label: vine.string().trim().minLength(1).maxLength(200),
          quantity: vine.number().withoutDecimals().range([1, 10_000]),
          unit_cents: vine.number().withoutDecimals().range([0, 100_000_000]),
        })
      )
      .minLength(1)
      .maxLength(200),
  })
)

const deskPaymentBody = vine.compile(
  vine.object({
    amount_cents: vine.number().withoutDecimals().range([1, 100_000_000]),
    method: vine.enum(DESK_METHODS),
    paid_at: vine.string().trim().maxLength(40),
    receipt_number: vine.string().trim().minLength(1).maxLength(30),
    cheque_number: vine.string().trim().maxLength(30).optional(),
    cheque_bank: vine.string().trim().maxLength(100).optional(),
  })
)

/** The field of the API body a refusal of the payments engine concerns. */
const REFUSED_FIELD = { amount: 'amount_cents', receiptNumber: 'receipt_number' } as const
const REFUSED_MESSAGE: Record<string, string> = {
  'payments.desk.not_payable': 'The invoice asks for nothing more (paid, cancelled or credited).',
  'payments.desk.too_much': 'More than what the invoice still asks.',
  'payments.desk.receipt_taken': 'A payment with this method already has this receipt number.',
}

function unprocessable(field: string, message: string) {
  return new ProblemError({
    status: 422,
    title: 'Unprocessable Content',
    detail: message,
    errors: [{ field, message }],
  })
}

const pageParameters = [
  {
    name: 'limit',
    in: 'query' as const,
    description: `Items per page (1 to ${MAX_PAGE}, 50 by default).`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE },
  },
  {
    name: 'cursor',
    in: 'query' as const,
    description: 'The `next_cursor` of the previous page.',
    schema: { type: 'integer' },
  },
]

const dateTime = { type: ['string', 'null'], format: 'date-time' }
const cents = { type: 'integer', description: 'In euro cents.' }
const paymentSchema = {
  type: 'object',
  required: ['id', 'invoice_id', 'status', 'amount_cents'],
  properties: {
    id: { type: 'integer' },
    invoice_id: { type: 'integer' },
    provider: { type: 'string', description: '`payfip`, `simulator`, or `desk`.' },
    method: { type: ['string', 'null'], enum: ['cash', 'cheque', 'card', null] },
    status: { type: 'string' },
    amount_cents: cents,
    paid_at: dateTime,
    created_at: dateTime,
  },
}
const invoiceSummarySchema = {
  type: 'object',
  required: ['id', 'number', 'service', 'amount_cents', 'status', 'due_on'],
  properties: {
    id: { type: 'integer' },
    number: { type: 'string' },
    service: { type: 'string' },
    label: { type: 'string' },
    payer: {
      type: 'object',
      properties: { name: { type: 'string' }, email: { type: ['string', 'null'] } },
    },
    amount_cents: cents,
    paid_cents: cents,
    credited_cents: cents,
    due_cents: { type: 'integer', description: 'What is still asked, in euro cents.' },
    currency: { type: 'string', const: 'EUR' },
    due_on: { type: 'string', format: 'date' },
    status: { type: 'string', enum: ['issued', 'partly_paid', 'paid', 'cancelled', 'credited'] },
    created_at: dateTime,
  },
}
const invoiceSchema = {
  ...invoiceSummarySchema,
  properties: {
    ...invoiceSummarySchema.properties,
    lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          label: { type: 'string' },
          quantity: { type: 'integer' },
          unit_cents: cents,
          total_cents: cents,
        },
      },
    },
    payments: { type: 'array', items: paymentSchema },
  },
}

export default defineApiRoutes([
  {
    method: 'get',
    path: '/invoices',
    operationId: 'listInvoices',
    scope: 'invoices:read',
    tag: 'invoices',
    summary: 'List the invoices of the client’s services, newest first.',
    description:
      'Amounts in euro cents. Keyset pagination: pass `next_cursor` as `cursor`. A client of the finance service sees every service’s invoices.',
    parameters: [
      {
        name: 'status',
        in: 'query',
        description: 'Only invoices in this status.',
        schema: {
          type: 'string',
          enum: ['issued', 'partly_paid', 'paid', 'cancelled', 'credited'],
        },
      },
      {
        name: 'service',
        in: 'query',
        description: 'Only invoices of this service (slug).',
        schema: { type: 'string' },
      },
      ...pageParameters,
    ],
    query: listQuery,
    response: {
      status: 200,
      description: 'A page of invoices.',
      schema: {
        type: 'object',
        required: ['data', 'next_cursor'],
        properties: {
          data: { type: 'array', items: invoiceSummarySchema },
          next_cursor: { type: ['integer', 'null'] },
        },
      },
    },
    async handle(call) {
      const limit = (call.query.limit as number | undefined) ?? 50
      const rows = await scoped(Invoice.query(), call)
        .if(call.query.status, (q) => q.where('status', call.query.status as string))
        .if(call.query.service, (q) => q.where('serviceSlug', call.query.service as string))
        .if(call.query.cursor, (q) => q.where('id', '<', call.query.cursor as number))
        .orderBy('id', 'desc')
        .limit(limit + 1)
      return { body: keysetPage(rows, limit, summary) }
    },
  },
  {
    method: 'get',
    path: '/invoices/{id}',
    operationId: 'getInvoice',
    scope: 'invoices:read',
    tag: 'invoices',
    summary: 'Read one invoice with its lines and payments.',
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The invoice’s id.',
        schema: { type: 'integer', minimum: 1 },
      },
    ],
    response: { status: 200, description: 'The invoice.', schema: invoiceSchema },
    async handle(call) {
      return { body: await detail(await visibleInvoice(call)) }
    },
  },
  {
    method: 'post',
    path: '/invoices',
    operationId: 'createInvoice',
    scope: 'invoices:write',
    tag: 'invoices',
    summary: 'Issue an invoice from a billing software, once per Idempotency-Key.',
    description:
      'Amounts in euro cents (integers). Send a new `Idempotency-Key` (a UUID) per invoice: sending the same invoice again with the same key creates nothing and answers the first response again (`Idempotent-Replayed: true`); the same key with another body gets 422. The invoice shows in the resident’s space when a verified account has the payer’s e-mail.',
    idempotent: true,
    requestBody: {
      validator: createBody,
      example: {
        service: 'accueil',
        label: 'Location de la salle des fêtes — 14 mars 2026',
        due_on: '2026-04-15',
        payer: { name: 'Paul Dupont', email: 'paul.dupont@example.org' },
        lines: [
          { label: 'Location (journée)', quantity: 1, unit_cents: 25000 },
          { label: 'Ménage', quantity: 2, unit_cents: 3550 },
        ],
      },
      schema: {
        type: 'object',
        required: ['service', 'label', 'due_on', 'payer', 'lines'],
        properties: {
          service: { type: 'string', description: 'One of the client’s services (slug).' },
          label: { type: 'string', maxLength: 200 },
          due_on: { type: 'string', format: 'date' },
          payer: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string', maxLength: 200 },
              email: { type: 'string', format: 'email' },
            },
          },
          lines: {
            type: 'array',
            minItems: 1,
            maxItems: 200,
            items: {
              type: 'object',
              required: ['label', 'quantity', 'unit_cents'],
              properties: {
                label: { type: 'string', maxLength: 200 },
                quantity: { type: 'integer', minimum: 1 },
                unit_cents: { type: 'integer', minimum: 0 },
              },
            },
          },
        },
      },
    },
    response: { status: 201, description: 'The invoice issued.', schema: invoiceSchema },
    async handle(call) {
      const { body } = call
      if (!call.client.services.includes(body.service))
        throw new ProblemError({
          status: 422,
          title: 'Unprocessable Content',
          detail: 'The client may not invoice for this service.',
          errors: [{ field: 'service', message: 'Not one of the client’s services.' }],
        })
      const due = DateTime.fromISO(body.due_on, { zone: CITY_ZONE })
      if (!due.isValid)
        throw new ProblemError({
          status: 422,
          title: 'Unprocessable Content',
          detail: 'due_on is not a date.',
          errors: [{ field: 'due_on', message: 'Not a date (YYYY-MM-DD).' }],
        })
      const payer = body.payer.email
        ? await User.query({ client: call.trx })
            .whereRaw('lower(email) = ?', [body.payer.email.toLowerCase()])
            // Only an account that proved it holds the address sees the invoice in its space.
            .whereNotNull('emailVerifiedAt')
            .first()
        : null
      const invoice = await issueInvoice(
        {
          payer: {
            userId: payer?.id ?? null,
            name: body.payer.name,
            email: body.payer.email ?? null,
          },
          serviceSlug: body.service,
          label: body.label,
          dueOn: due.toISODate()!,
          lines: body.lines.map(
            (line: { label: string; quantity: number; unit_cents: number }) => ({
              label: line.label,
              quantity: line.quantity,
              unitCents: line.unit_cents,
            })
          ),
        },
        call.trx,
        clock.now()
      )
      const lines = await InvoiceLine.query({ client: call.trx }).where('invoiceId', invoice.id)
      return {
        status: 201,
        body: {
          ...summary(invoice),
          lines: lines.map((line) => ({
            label: line.label,
            quantity: line.quantity,
            unit_cents: line.unitCents,
            total_cents: line.totalCents,
          })),
          payments: [],
        },
      }
    },
  },
  {
    method: 'get',
    path: '/payments',
    operationId: 'listPayments',
    scope: 'payments:read',
    tag: 'payments',
    summary: 'List the payments of the client’s services’ invoices, newest first.',
    description: 'Online (PayFiP) and at the desk. Amounts in euro cents.',
    parameters: [
      {
        name: 'invoice',
        in: 'query',
        description: 'Only this invoice’s payments (its id).',
        schema: { type: 'integer', minimum: 1 },
      },
      ...pageParameters,
    ],
    query: paymentsQuery,
    response: {
      status: 200,
      description: 'A page of payments.',
      schema: {
        type: 'object',
        required: ['data', 'next_cursor'],
        properties: {
          data: { type: 'array', items: paymentSchema },
          next_cursor: { type: ['integer', 'null'] },
        },
      },
    },
    async handle(call) {
      const limit = (call.query.limit as number | undefined) ?? 50
      const invoices = scoped(Invoice.query().select('id'), call)
      const rows = await Payment.query()
        .whereIn('invoiceId', invoices)
        .if(call.query.invoice, (q) => q.where('invoiceId', call.query.invoice as number))
        .if(call.query.cursor, (q) => q.where('id', '<', call.query.cursor as number))
        .orderBy('id', 'desc')
        .limit(limit + 1)
      return { body: keysetPage(rows, limit, paymentBody) }
    },
  },
  {
    method: 'post',
    path: '/invoices/{id}/payments',
    operationId: 'recordInvoicePayment',
    scope: 'payments:write',
    tag: 'payments',
    summary:
      'Record a payment the billing software took at its own desk, once per Idempotency-Key.',
    description:
      'Cash, cheque or card terminal, in euro cents, at most what the invoice still asks (`due_cents`). The invoice becomes `partly_paid` or `paid`, the resident gets the receipt, the resident’s timeline names your software, and `payment.succeeded` is published. Send a new `Idempotency-Key` per payment: the same payment sent again with the same key is recorded once and answered the same. `receipt_number` is unique per method (422 when taken).',
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The invoice’s id.',
        schema: { type: 'integer', minimum: 1 },
      },
    ],
    idempotent: true,
    requestBody: {
      validator: deskPaymentBody,
      example: {
        amount_cents: 2000,
        method: 'cheque',
        paid_at: '2026-03-02T10:15:00+01:00',
        receipt_number: 'R-2026-0042',
        cheque_number: '1234567',
        cheque_bank: 'Banque de France',
      },
      schema: {
        type: 'object',
        required: ['amount_cents', 'method', 'paid_at', 'receipt_number'],
        properties: {
          amount_cents: { type: 'integer', minimum: 1, description: 'In euro cents.' },
          method: { type: 'string', enum: DESK_METHODS },
          paid_at: {
            type: 'string',
            format: 'date-time',
            description: 'When it was paid, ISO 8601 with offset; not in the future.',
          },
          receipt_number: { type: 'string', maxLength: 30 },
          cheque_number: { type: 'string', maxLength: 30 },
          cheque_bank: { type: 'string', maxLength: 100 },
        },
      },
    },
    response: { status: 201, description: 'The payment recorded.', schema: paymentSchema },
    async handle(call) {
      const invoice = await visibleInvoice(call)
      const { body } = call
      const paidAt = DateTime.fromISO(body.paid_at, { setZone: true })
      if (!paidAt.isValid || !/([+-]\d{2}:?\d{2}|Z)$/.test(body.paid_at))
        throw unprocessable('paid_at', 'Not a date and time in ISO 8601 with an offset.')
      if (paidAt > clock.now()) throw unprocessable('paid_at', 'In the future.')
      try {
        const { payment } = await recordDeskPayment(
          { software: call.client.name },
          invoice.id,
          {
            method: body.method,
            amountCents: body.amount_cents,
            paidOn: paidAt.setZone(CITY_ZONE).toISODate()!,
            paidAt,
            receiptNumber: body.receipt_number,
            chequeNumber: body.cheque_number,
            chequeBank: body.cheque_bank,
          },
          call.trx
        )
        return { status: 201, body: paymentBody(payment) }
      } catch (error) {
        if (error instanceof DeskPaymentRefused)
          throw unprocessable(
            REFUSED_FIELD[error.field],
            REFUSED_MESSAGE[error.messageKey] ?? 'Refused.'
          )
        throw error
      }
    },
  },
])
