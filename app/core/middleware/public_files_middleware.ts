import { readdirSync } from 'node:fs'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import StaticMiddleware from '@adonisjs/static/static_middleware'

/**
 * The plain files of public/ (the logo, under /images/), served by
 * `@adonisjs/static` only for addresses under public/'s own top-level
 * folders and files, listed once at boot. Before, every request, pages
 * included, went through serve-static, which looks for a file on disk (a
 * stat) before giving up: about 6 % of a page's CPU. Stylesheets and scripts
 * are not here: the assets middleware serves them, fingerprinted.
 */
function publicEntries() {
  try {
    return readdirSync(app.publicPath(), { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.'))
      .map((entry) => (entry.isDirectory() ? `/${entry.name}/` : `/${entry.name}`))
  } catch {
    return []
  }
}

let entries: string[] | null = null

/** Whether this address may name a file of public/ (folder prefix or exact file name). */
export function isPublicFileUrl(url: string) {
  entries ??= publicEntries()
  return entries.some((entry) => (entry.endsWith('/') ? url.startsWith(entry) : url === entry))
}

export default class PublicFilesMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!isPublicFileUrl(ctx.request.url())) return next()
    const files = await ctx.containerResolver.make(StaticMiddleware)
    return files.handle(ctx, next)
  }
}
