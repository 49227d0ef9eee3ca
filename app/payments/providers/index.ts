import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { PayfipClient } from '#payments/providers/payfip_client'
import type { PayfipSimulator } from '#payments/providers/payfip_simulator'

/*
 * The payment provider. In production PAYMENT_PROVIDER=payfip with the
 * régie's PAYFIP_NUMCLI (and PAYFIP_SAISIE: T test, X activation, W
 * production). Otherwise the PayFiP simulator starts on loopback at first
 * use: the same client and protocol, no money.
 */
let client: PayfipClient | null = null
let simulator: PayfipSimulator | null = null
let starting: Promise<void> | null = null

export function paymentsSimulated() {
  return env.get('PAYMENT_PROVIDER', 'simulator') !== 'payfip'
}

export async function payfip(): Promise<PayfipClient> {
  if (client) return client
  if (!paymentsSimulated()) {
    client = new PayfipClient({
      serviceUrl: env.get('PAYFIP_URL', 'https://www.payfip.gouv.fr/tpa/services/securite'),
      paymentPageUrl: env.get('PAYFIP_PAGE_URL', 'https://www.payfip.gouv.fr/tpa/paiementws.web'),
      numcli: env.get('PAYFIP_NUMCLI', ''),
      saisie: env.get('PAYFIP_SAISIE', 'T'),
    })
    return client
  }
  if (app.getEnvironment() === 'console') {
    // A simulator lives in the process that starts it: one started here would
    // know none of the operations the web process opened, and the periodic
    // check would expire payments residents are making. Fail, and say why.
    throw new Error(
      'The PayFiP simulator runs inside the web process: set PAYMENT_PROVIDER=payfip, or run the jobs there (JOBS_IN_PROCESS=true).'
    )
  }
  starting ??= (async () => {
    const { startPayfipSimulator } = await import('#payments/providers/payfip_simulator')
    simulator = await startPayfipSimulator()
    client = new PayfipClient({
      serviceUrl: simulator.serviceUrl,
      paymentPageUrl: simulator.paymentPageUrl,
      numcli: '000000',
      saisie: 'T',
    })
    app.terminating(async () => simulator?.stop())
  })()
  await starting
  return client!
}

/** Tests point the core at a simulator they control. */
export function usePayfip(next: PayfipClient | null) {
  client = next
}
