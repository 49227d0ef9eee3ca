import { defineModule } from '#core/modules/define_module'

/** Home, catalogue, content pages and the resident's space. */
export default defineModule({
  name: 'portal',
  label: 'portal.module',
})
