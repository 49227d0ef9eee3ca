import env from '#start/env'
import app from '@adonisjs/core/services/app'
import type { ConfigurationCheck } from '#core/modules/define_module'
import { paymentsSimulated } from '#payments/providers/index'

/** What parvis:doctor says about online payments. */
export async function paymentChecks(): Promise<ConfigurationCheck[]> {
  if (paymentsSimulated()) {
    return [
      { status: app.inProduction ? 'error' : 'warning', message: 'payments.doctor.simulated' },
    ]
  }
  const numcli = env.get('PAYFIP_NUMCLI', '')
  if (!/^\d{6}$/.test(numcli))
    return [{ status: 'error', message: 'payments.doctor.numcli_missing' }]
  const saisie = env.get('PAYFIP_SAISIE', 'T')
  return [
    {
      status: saisie === 'W' || !app.inProduction ? 'ok' : 'warning',
      message: 'payments.doctor.payfip_ok',
      data: { numcli, saisie },
    },
  ]
}
