import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import type PersonalDataExport from '#portal/models/personal_data_export'
import { CITY_ZONE } from '#core/clock'
import { notFoundPage } from '#core/services/not_found'

/** Streams a ready archive as a download, never cached. */
export async function sendArchive(ctx: HttpContext, archive: PersonalDataExport) {
  if (!archive.storageKey || !(await drive.use().exists(archive.storageKey)))
    return notFoundPage(ctx)
  const day = archive.readyAt!.setZone(CITY_ZONE).toISODate()
  ctx.response.header('Content-Type', 'application/zip')
  if (archive.size) ctx.response.header('Content-Length', String(archive.size))
  ctx.response.header('Cache-Control', 'private, no-store')
  ctx.response.header('X-Content-Type-Options', 'nosniff')
  ctx.response.header('Content-Disposition', `attachment; filename="mes-donnees-${day}.zip"`)
  return ctx.response.stream(await drive.use().getStream(archive.storageKey))
}
