import router from '@adonisjs/core/services/router'
import parvisConfig from '#config/parvis'

/*
 * Absolute links for mails and outside systems (ANTS, PayFiP), built from
 * APP_URL and a route pattern. They never look a route up by name: the
 * router's table of names is filled only when an HTTP server boots, so a
 * lookup throws `Cannot lookup route` in `node ace jobs:work`, in a REPL or a
 * unit test. A pattern is exported once by the module that owns the page and
 * used both by its route and by its links, so the two cannot drift apart.
 */

/** `/rendez-vous/:id` with `{ id: 12 }` → `https://…/rendez-vous/12`. */
export function absoluteUrl(
  pattern: string,
  params: Record<string, unknown> = {},
  options: { qs?: Record<string, unknown> } = {}
) {
  return router.makeUrl(pattern, params, {
    prefixUrl: parvisConfig.appUrl,
    qs: options.qs,
    disableRouteLookup: true,
  })
}

/**
 * The same, signed with the app's key exactly as the router signs
 * (`request.hasValidSignature(purpose)` verifies it): whoever holds the link
 * may open that page, for that purpose, until it expires.
 */
export function signedUrl(
  pattern: string,
  params: Record<string, unknown>,
  options: { purpose: string; expiresIn?: string; qs?: Record<string, unknown> }
) {
  return router.makeSignedUrl(pattern, params, {
    prefixUrl: parvisConfig.appUrl,
    qs: options.qs,
    purpose: options.purpose,
    expiresIn: options.expiresIn,
    disableRouteLookup: true,
  })
}
