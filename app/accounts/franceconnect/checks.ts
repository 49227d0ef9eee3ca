import env from '#start/env'
import app from '@adonisjs/core/services/app'
import type { ConfigurationCheck } from '#core/modules/define_module'
import { franceConnectSimulated } from '#accounts/franceconnect/settings'

/**
 * What parvis:doctor says about FranceConnect. The local provider lets anyone
 * choose a demo identity: a real city's portal must not run it.
 */
export async function franceConnectChecks(): Promise<ConfigurationCheck[]> {
  if (franceConnectSimulated())
    return [
      {
        status: app.inProduction ? 'error' : 'warning',
        message: 'franceconnect.doctor.simulated',
      },
    ]
  if (!env.get('FRANCECONNECT_CLIENT_ID') || !env.get('FRANCECONNECT_CLIENT_SECRET'))
    return [{ status: 'error', message: 'franceconnect.doctor.client_missing' }]
  return [
    {
      status: 'ok',
      message: 'franceconnect.doctor.configured',
      data: { issuer: env.get('FRANCECONNECT_ISSUER', '') },
    },
  ]
}
