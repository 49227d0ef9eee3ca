import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import assets from '#core/services/assets'
import { pickEncoding } from '#middleware/compression_middleware'

/**
 * Serves fingerprinted assets (`/assets/app.<hash>.css`) with a year of cache
 * and their pre-compressed bytes. Runs before the router: no session, no
 * cookie.
 */
export default class AssetsMiddleware {
  async handle({ request, response }: HttpContext, next: NextFn) {
    const url = request.url()
    if (!url.startsWith('/assets/') || !['GET', 'HEAD'].includes(request.method())) {
      return next()
    }
    const asset = assets.find(url)
    if (!asset) {
      response.status(404).send('Not found')
      return
    }
    const encoding = pickEncoding(request.header('accept-encoding') ?? '')
    response.header('Content-Type', asset.contentType)
    response.header('Cache-Control', 'public, max-age=31536000, immutable')
    response.header('Vary', 'Accept-Encoding')
    if (encoding) response.header('Content-Encoding', encoding)
    response.send(encoding ? asset[encoding] : asset.raw, false)
  }
}
