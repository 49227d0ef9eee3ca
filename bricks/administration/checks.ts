import env from '#start/env'
import app from '@adonisjs/core/services/app'
import type { ConfigurationCheck } from '#core/modules/define_module'

/** What parvis:doctor says about the ANTS connection. */
export async function administrationChecks(): Promise<ConfigurationCheck[]> {
  const checks: ConfigurationCheck[] = []
  const url = env.get('ANTS_API_URL')
  if (!url)
    checks.push({
      status: app.inProduction ? 'error' : 'warning',
      message: 'administration.doctor.ants_simulated',
    })
  else if (!env.get('ANTS_API_TOKEN'))
    checks.push({ status: 'error', message: 'administration.doctor.ants_token_missing' })
  else checks.push({ status: 'ok', message: 'administration.doctor.ants_ok', data: { url } })
  if (!env.get('ANTS_HUB_TOKEN'))
    checks.push({ status: 'warning', message: 'administration.doctor.hub_token_missing' })
  return checks
}
