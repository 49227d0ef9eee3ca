import { defineModule } from '#core/modules/define_module'

/** The agents' shell: login, dashboard, administration, audit. */
export default defineModule({
  name: 'back_office',
  label: 'back_office.module',
})
