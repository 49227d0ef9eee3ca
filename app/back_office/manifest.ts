import { defineModule } from '#core/modules/define_module'
import { backOfficeSettings } from '#back_office/settings'
import { secondFactorChecks } from '#back_office/services/second_factor_checks'

/** The agents' shell: login, dashboard, statistics, administration, audit. */
export default defineModule({
  name: 'back_office',
  label: 'back_office.module',
  settings: backOfficeSettings,
  checks: secondFactorChecks,
  policies: { StatisticsPolicy: () => import('#back_office/policies/statistics_policy') },
  // Building, publishing and withdrawing procedures in /agents/admin/demarches (admins always may).
  permissions: ['back_office.procedures.design'],
})
