import { createServer, type IncomingMessage, type Server } from 'node:http'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { DateTime } from 'luxon'
import { xmlField } from '#payments/providers/payfip_client'
import { clock } from '#core/clock'

/*
 * A PayFiP simulator on loopback, for the tests and the embedded default.
 * It speaks the Régie web service's SOAP (creerPaiementSecurise,
 * recupererDetailPaiementSecurise, with the P1/P5 faults), shows a payment
 * page where one can pay, refuse or give up, then — like PayFiP — calls the
 * notification URL server-to-server and sends the browser back to the
 * return URL with the idOp. Tests can turn the notification off, delay it,
 * or tamper with the amount PayFiP reports.
 */

interface Operation {
  idOp: string
  fields: Record<string, string>
  createdAt: DateTime
  resultrans: string | null
  numauto: string
  dattrans: string
  heurtrans: string
  reportedAmount: string | null
}

export interface PayfipSimulator {
  /** SOAP endpoint and payment page, as PAYFIP_URL / PAYFIP_PAGE_URL would be */
  serviceUrl: string
  paymentPageUrl: string
  operations: Map<string, Operation>
  notifications: { idOp: string; status: number }[]
  /** false: PayFiP "forgets" to call urlnotif (the return alone must record the payment) */
  notify: boolean
  /** report another amount than the one paid (a tampered or wrong answer) */
  tamper(idOp: string, montant: number): void
  /** settle an operation without a browser (tests of the notification alone) */
  settle(
    idOp: string,
    resultrans: 'P' | 'V' | 'R' | 'Z' | 'A',
    options?: { notify?: boolean }
  ): Promise<void>
  stop(): Promise<void>
}

function html(value: string) {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

async function body(request: IncomingMessage) {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function envelope(inner: string) {
  return `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>${inner}</S:Body></S:Envelope>`
}

function fault(code: string, libelle: string) {
  return envelope(
    `<S:Fault><faultcode>S:Server</faultcode><faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur</faultstring><detail><ns2:FonctionnelleErreur xmlns:ns2="http://securite.service.tpa.cp.finances.gouv.fr/reponse"><code>${code}</code><descriptif>${html(libelle)}</descriptif><libelle>${html(libelle)}</libelle></ns2:FonctionnelleErreur></detail></S:Fault>`
  )
}

export async function startPayfipSimulator(
  options: { port?: number } = {}
): Promise<PayfipSimulator> {
  const operations = new Map<string, Operation>()
  const notifications: { idOp: string; status: number }[] = []
  let base = ''

  async function notifyOf(operation: Operation) {
    try {
      const response = await fetch(operation.fields.urlnotif, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `idOp=${encodeURIComponent(operation.idOp)}`,
      })
      notifications.push({ idOp: operation.idOp, status: response.status })
      await response.text()
    } catch {
      notifications.push({ idOp: operation.idOp, status: 0 })
    }
  }

  function finish(operation: Operation, resultrans: string) {
    const now = clock.local()
    operation.resultrans = resultrans
    operation.numauto =
      resultrans === 'P' || resultrans === 'V' ? randomBytes(3).toString('hex').toUpperCase() : ''
    operation.dattrans = now.toFormat('ddMMyyyy')
    operation.heurtrans = now.toFormat('HHmm')
  }

  const simulator: PayfipSimulator = {
    serviceUrl: '',
    paymentPageUrl: '',
    operations,
    notifications,
    notify: true,
    tamper(idOp, montant) {
      const operation = operations.get(idOp)
      if (operation) operation.reportedAmount = String(montant)
    },
    async settle(idOp, resultrans, settleOptions = {}) {
      const operation = operations.get(idOp)
      if (!operation) throw new Error(`Unknown idOp ${idOp}`)
      finish(operation, resultrans)
      if (settleOptions.notify ?? simulator.notify) await notifyOf(operation)
    },
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', base)
    try {
      if (request.method === 'POST' && url.pathname === '/tpa/services/securite') {
        const xml = await body(request)
        response.setHeader('Content-Type', 'text/xml; charset=utf-8')
        if (/creerPaiementSecurise>/.test(xml)) {
          const names = [
            'exer',
            'mel',
            'montant',
            'numcli',
            'objet',
            'refdet',
            'saisie',
            'urlnotif',
            'urlredirect',
          ]
          const fields = Object.fromEntries(names.map((name) => [name, xmlField(xml, name) ?? '']))
          if (
            !/^\d+$/.test(fields.montant) ||
            !fields.mel.includes('@') ||
            !/^[A-Za-z0-9]{1,30}$/.test(fields.refdet)
          ) {
            response.statusCode = 500
            return response.end(fault('R3', 'Paramètres invalides'))
          }
          const idOp = randomBytes(16).toString('hex')
          operations.set(idOp, {
            idOp,
            fields,
            createdAt: clock.now(),
            resultrans: null,
            numauto: '',
            dattrans: '',
            heurtrans: '',
            reportedAmount: null,
          })
          return response.end(
            envelope(
              `<ns2:creerPaiementSecuriseResponse xmlns:ns2="http://securite.service.tpa.cp.finances.gouv.fr/reponse"><return><idOp>${idOp}</idOp></return></ns2:creerPaiementSecuriseResponse>`
            )
          )
        }
        if (/recupererDetailPaiementSecurise>/.test(xml)) {
          const operation = operations.get(xmlField(xml, 'idOp') ?? '')
          if (!operation) {
            response.statusCode = 500
            return response.end(fault('P1', 'IdOp inconnu'))
          }
          if (!operation.resultrans) {
            response.statusCode = 500
            return response.end(fault('P5', 'Résultat de la transaction non connu'))
          }
          const fields: Record<string, string> = {
            ...operation.fields,
            montant: operation.reportedAmount ?? operation.fields.montant,
          }
          const inner = ['idOp', 'numcli', 'exer', 'refdet', 'objet', 'montant', 'mel', 'saisie']
            .map(
              (name) =>
                `<${name}>${html(name === 'idOp' ? operation.idOp : fields[name])}</${name}>`
            )
            .join('')
          return response.end(
            envelope(
              `<ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2="http://securite.service.tpa.cp.finances.gouv.fr/reponse"><return>${inner}<resultrans>${operation.resultrans}</resultrans><numauto>${operation.numauto}</numauto><dattrans>${operation.dattrans}</dattrans><heurtrans>${operation.heurtrans}</heurtrans></return></ns2:recupererDetailPaiementSecuriseResponse>`
            )
          )
        }
        response.statusCode = 400
        return response.end(fault('R1', 'Opération inconnue'))
      }

      if (request.method === 'GET' && url.pathname === '/tpa/paiementws.web') {
        const operation = operations.get(url.searchParams.get('idop') ?? '')
        response.setHeader('Content-Type', 'text/html; charset=utf-8')
        if (!operation || operation.resultrans) {
          response.statusCode = 404
          return response.end(
            '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Opération inconnue</title></head><body><main><h1>Opération inconnue ou terminée</h1></main></body></html>'
          )
        }
        const amount = (Number(operation.fields.montant) / 100).toFixed(2).replace('.', ',')
        return response.end(`<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Simulateur PayFiP — paiement</title></head>
<body><main>
<h1>Simulateur PayFiP</h1>
<p>Ceci est un simulateur du service de paiement de la DGFiP : aucun argent n’est débité.</p>
<dl><dt>Objet</dt><dd>${html(operation.fields.objet)}</dd><dt>Montant</dt><dd>${amount} €</dd><dt>Référence</dt><dd>${html(operation.fields.refdet)}</dd></dl>
<form method="post" action="/tpa/simulateur/choix">
<input type="hidden" name="idop" value="${operation.idOp}">
<button type="submit" name="choix" value="P">Payer par carte</button>
<button type="submit" name="choix" value="R">Simuler un refus de la banque</button>
<button type="submit" name="choix" value="A">Abandonner le paiement</button>
</form>
</main></body></html>`)
      }

      if (request.method === 'POST' && url.pathname === '/tpa/simulateur/choix') {
        const form = new URLSearchParams(await body(request))
        const operation = operations.get(form.get('idop') ?? '')
        const choice = form.get('choix') ?? ''
        if (!operation || operation.resultrans || !['P', 'R', 'A'].includes(choice)) {
          response.statusCode = 400
          return response.end('Choix invalide')
        }
        finish(operation, choice)
        if (simulator.notify) await notifyOf(operation)
        response.statusCode = 303
        const back = new URL(operation.fields.urlredirect)
        back.searchParams.set('idop', operation.idOp)
        response.setHeader('Location', back.href)
        return response.end()
      }

      response.statusCode = 404
      response.end('Not found')
    } catch (error) {
      response.statusCode = 500
      response.end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  simulator.serviceUrl = `${base}/tpa/services/securite`
  simulator.paymentPageUrl = `${base}/tpa/paiementws.web`
  return simulator
}
