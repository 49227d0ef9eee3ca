import app from '@adonisjs/core/services/app'
import { mapTiles, servedOverHttps } from '#config/parvis'
import { defineConfig } from '@adonisjs/shield'
import { isMachineCall } from '#core/services/content_pages'
import { franceConnectFormTarget } from '#accounts/franceconnect/settings'

/*
 * Strict CSP: scripts only from our own origin, never inline, never
 * 'unsafe-eval' (Alpine's CSP build and htmx with allowEval off need
 * neither). No nonce: every script is a file of /assets, which 'self'
 * allows; a nonce would allow nothing more, and would make every page
 * differ per request, so that a stored content page could not be sent as
 * stored bytes, compressed once (content_page_cache_middleware).
 */
const shieldConfig = defineConfig({
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`],
      styleSrc: [`'self'`],
      // Map tiles come from their own server (MAP_TILE_URL, OpenStreetMap by default).
      imgSrc: [`'self'`, 'data:', () => mapTiles().origin],
      fontSrc: [`'self'`],
      connectSrc: [`'self'`],
      // Logging out of a FranceConnect session ends on FranceConnect's end-session page.
      formAction: [`'self'`, () => franceConnectFormTarget()],
      frameAncestors: [`'none'`],
      baseUri: [`'self'`],
      objectSrc: [`'none'`],
    },
    reportOnly: false,
  },
  csrf: {
    enabled: true,
    // Machine-to-machine calls: the API, PayFiP's server-to-server payment notification, machineRoute()s.
    exceptRoutes: (ctx) => isMachineCall(ctx.request.url(), ctx.route?.pattern),
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: {
    enabled: true,
    action: 'DENY',
  },
  hsts: {
    enabled: app.inProduction && servedOverHttps,
    maxAge: '180 days',
    includeSubDomains: true,
  },
  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
