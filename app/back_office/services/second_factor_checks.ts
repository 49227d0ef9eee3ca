import type { ConfigurationCheck } from '#core/modules/define_module'
import { readSetting } from '#core/services/settings'
import { backOfficeSettings } from '#back_office/settings'

/** What parvis:doctor says about agents' second factor: a warning while admins may log in with a password alone. */
export async function secondFactorChecks(): Promise<ConfigurationCheck[]> {
  let rule: string
  try {
    rule = await readSetting('back_office', backOfficeSettings, 'secondFactorRequired')
  } catch {
    // No database or no schema yet: the core's checks already say so.
    return []
  }
  if (rule === 'all') return [{ status: 'ok', message: 'back_office.doctor.second_factor_all' }]
  if (rule === 'admins')
    return [{ status: 'ok', message: 'back_office.doctor.second_factor_admins' }]
  return [{ status: 'warning', message: 'back_office.doctor.second_factor_optional' }]
}
