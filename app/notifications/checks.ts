import env from '#start/env'
import type { ConfigurationCheck } from '#core/modules/define_module'
import { smsSimulated } from '#notifications/sms/index'

/** What parvis:doctor says about SMS. */
export async function notificationChecks(): Promise<ConfigurationCheck[]> {
  if (smsSimulated()) return [{ status: 'warning', message: 'notifications.doctor.sms_simulated' }]
  if (!env.get('OCTOPUSH_API_LOGIN', '') || !env.get('OCTOPUSH_API_KEY', ''))
    return [{ status: 'error', message: 'notifications.doctor.octopush_missing' }]
  return [{ status: 'ok', message: 'notifications.doctor.octopush_ok' }]
}
