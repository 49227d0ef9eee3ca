import { defineModule } from '#core/modules/define_module'

/** Residents, households, agents, services and their sessions. */
export default defineModule({
  name: 'accounts',
  label: 'accounts.module',
  seed: () => import('#accounts/database/seeders/demo'),
})
