import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/request_id_middleware'),
  () => import('#middleware/metrics_middleware'),
  () => import('#middleware/security_headers_middleware'),
  () => import('#middleware/request_body_middleware'),
  () => import('#middleware/compression_middleware'),
  () => import('#middleware/assets_middleware'),
  () => import('#middleware/public_files_middleware'),
])

router.use([
  () => import('#middleware/clean_input_middleware'),
  () => import('#demands/middleware/built_procedures_middleware'),
  () => import('#middleware/content_page_cache_middleware'),
  () => import('#middleware/optional_session_middleware'),
  () => import('#middleware/optional_shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/detect_locale_middleware'),
  () => import('#accounts/middleware/initialize_bouncer_middleware'),
  () => import('#middleware/view_globals_middleware'),
  () => import('#mediation/middleware/acting_for_middleware'),
])

/* Named middleware (guest, resident, agent, service, brick): app/accounts/middleware/named.ts. */
export { middleware } from '#accounts/middleware/named'
