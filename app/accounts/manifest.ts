import { defineModule } from '#core/modules/define_module'
import { accountsPersonalData } from '#accounts/personal_data'
import { franceConnectChecks } from '#accounts/franceconnect/checks'

/** Residents, households, agents, services and their sessions. */
export default defineModule({
  name: 'accounts',
  label: 'accounts.module',
  personalData: accountsPersonalData,
  checks: franceConnectChecks,
  seed: () => import('#accounts/database/seeders/demo'),
})
