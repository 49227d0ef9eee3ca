import { defineModule } from '#core/modules/define_module'

/** State machines of procedures. */
export default defineModule({
  name: 'workflow',
  label: 'workflow.module',
})
