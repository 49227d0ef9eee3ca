/**
 * PayFiP Régie web service (DGFiP), the SOAP calls Parvis needs: create a
 * secure payment (get its idOp) and read its result. See
 * ../shared/specs/payfip.md. XML is written and read by hand: the messages
 * are flat lists of simple fields.
 */
import { recordConnectorFailure } from '#core/observability/metrics'

const SERVICE_NS =
  'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService'

export class PayfipUnavailableError extends Error {}

/** A functional error of PayFiP (SOAP fault FonctionnelleErreur): P5 = no result yet, P1 = unknown idOp. */
export class PayfipFault extends Error {
  constructor(
    public code: string,
    message: string
  ) {
    super(`PayFiP ${code}: ${message}`)
  }
}

export interface PayfipResult {
  idOp: string
  numcli: string
  exer: string
  refdet: string
  objet: string
  montant: number
  mel: string
  saisie: string
  resultrans: string
  numauto: string
  dattrans: string
  heurtrans: string
}

function escape(value: string) {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

function unescape(value: string) {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

export function soapEnvelope(operation: string, fields: Record<string, string>) {
  const body = Object.entries(fields)
    .map(([name, value]) => `<${name}>${escape(value)}</${name}>`)
    .join('')
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pai="${SERVICE_NS}"><soapenv:Body><pai:${operation}><arg0>${body}</arg0></pai:${operation}></soapenv:Body></soapenv:Envelope>`
}

/** The text of the first element with this local name (any namespace prefix), or null. */
export function xmlField(xml: string, name: string) {
  const match = new RegExp(
    `<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`
  ).exec(xml)
  return match ? unescape(match[1].trim()) : null
}

/** Folds a label to what PayFiP accepts in `objet`: ASCII letters, digits and spaces, 100 characters. */
export function payfipObject(label: string) {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100)
}

export class PayfipClient {
  constructor(
    private options: {
      serviceUrl: string
      paymentPageUrl: string
      numcli: string
      saisie: 'T' | 'X' | 'W'
      timeoutMs?: number
    }
  ) {}

  get numcli() {
    return this.options.numcli
  }

  /** One SOAP call; a failed one is counted for /metrics. */
  async #call(operation: string, fields: Record<string, string>) {
    return this.#request(operation, fields).catch((error) => {
      recordConnectorFailure('payfip')
      throw error
    })
  }

  async #request(operation: string, fields: Record<string, string>) {
    let response: Response
    try {
      response = await fetch(this.options.serviceUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=utf-8', 'SOAPAction': '""' },
        body: soapEnvelope(operation, fields),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      })
    } catch (error) {
      throw new PayfipUnavailableError(`PayFiP ${operation}: ${(error as Error).message}`)
    }
    const xml = await response.text()
    if (/<(?:[\w-]+:)?Fault[\s>]/.test(xml)) {
      throw new PayfipFault(
        xmlField(xml, 'code') ?? 'unknown',
        xmlField(xml, 'libelle') ?? xmlField(xml, 'faultstring') ?? 'fault'
      )
    }
    if (!response.ok)
      throw new PayfipUnavailableError(`PayFiP ${operation}: HTTP ${response.status}`)
    return xml
  }

  /** creerPaiementSecurise: returns the idOp and the page to send the payer to. */
  async createPayment(payment: {
    refdet: string
    amountCents: number
    email: string
    label: string
    exer: string
    notifyUrl: string
    returnUrl: string
  }) {
    const xml = await this.#call('creerPaiementSecurise', {
      exer: payment.exer,
      mel: payment.email,
      montant: String(payment.amountCents),
      numcli: this.options.numcli,
      objet: payfipObject(payment.label),
      refdet: payment.refdet,
      saisie: this.options.saisie,
      urlnotif: payment.notifyUrl,
      urlredirect: payment.returnUrl,
    })
    const idOp = xmlField(xml, 'idOp')
    if (!idOp)
      throw new PayfipUnavailableError('PayFiP creerPaiementSecurise: no idOp in the answer')
    return { idOp, redirectUrl: `${this.options.paymentPageUrl}?idop=${encodeURIComponent(idOp)}` }
  }

  /** recupererDetailPaiementSecurise: the result as PayFiP holds it (never trust the request that told us to look). */
  async paymentDetail(idOp: string): Promise<PayfipResult> {
    const xml = await this.#call('recupererDetailPaiementSecurise', { idOp })
    const field = (name: string) => xmlField(xml, name) ?? ''
    return {
      idOp: field('idOp'),
      numcli: field('numcli'),
      exer: field('exer'),
      refdet: field('refdet'),
      objet: field('objet'),
      montant: Number(field('montant')),
      mel: field('mel'),
      saisie: field('saisie'),
      resultrans: field('resultrans'),
      numauto: field('numauto'),
      dattrans: field('dattrans'),
      heurtrans: field('heurtrans'),
    }
  }
}
