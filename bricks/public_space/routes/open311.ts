import type { Router } from '@adonisjs/core/http'
import { machineRoute } from '#core/services/content_pages'
import { acceptsUploads } from '#core/services/body_limits'
import { uploadBytes } from '#demands/services/uploads'
import { PHOTO_RULES } from '../services/photos.js'

const Open311Controller = () => import('../controllers/open311_controller.js')

/** A file of /open311/v2 in one of the two formats: `S-2026-000123.xml`, `VOIRIE_NIDPOULE.json`. */
const RESOURCE = /^[A-Za-z0-9_.-]{1,80}\.(xml|json)$/

/**
 * The Open311 GeoReport v2 endpoint at /open311/v2, the address clients
 * expect: machine routes (no session, no cookie, no CSRF; a POST proves
 * itself by its `api_key`), in XML and JSON.
 */
export default function (router: Router) {
  for (const format of ['xml', 'json']) {
    machineRoute(
      router
        .get(`/open311/v2/discovery.${format}`, [Open311Controller, 'discovery'])
        .as(`open311.discovery.${format}`)
    )
    machineRoute(
      router
        .get(`/open311/v2/services.${format}`, [Open311Controller, 'services'])
        .as(`open311.services.${format}`)
    )
    machineRoute(
      router
        .get(`/open311/v2/requests.${format}`, [Open311Controller, 'index'])
        .as(`open311.requests.${format}`)
    )
    // Photos may come as files (`media`, multipart) as well as links (`media_url`).
    machineRoute(
      acceptsUploads(
        router
          .post(`/open311/v2/requests.${format}`, [Open311Controller, 'store'])
          .as(`open311.store.${format}`),
        uploadBytes([PHOTO_RULES])
      )
    )
  }
  machineRoute(
    router
      .get('/open311/v2/services/:resource', [Open311Controller, 'definition'])
      .as('open311.definition')
      .where('resource', RESOURCE)
  )
  machineRoute(
    router
      .get('/open311/v2/requests/:resource', [Open311Controller, 'show'])
      .as('open311.request')
      .where('resource', RESOURCE)
  )
  machineRoute(router.any('/open311/*', [Open311Controller, 'notFound']).as('open311.not_found'))
}
