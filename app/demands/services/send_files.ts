import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import type Demand from '#demands/models/demand'
import type DemandFile from '#demands/models/demand_file'
import { receiptPdf } from '#demands/services/receipt_pdf'

/** Streams a stored file with a safe name; never inline (a PDF or image opens in the browser's viewer from the download). */
export async function sendDemandFile(ctx: HttpContext, file: DemandFile) {
  const stream = await drive.use().getStream(file.storageKey)
  ctx.response.header('Content-Type', file.mimeType)
  ctx.response.header('Content-Length', String(file.size))
  ctx.response.header('X-Content-Type-Options', 'nosniff')
  ctx.response.header('Cache-Control', 'private, no-store')
  ctx.response.header('Content-Disposition', `attachment; filename="${file.originalName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`)
  return ctx.response.stream(stream)
}

export async function sendReceiptPdf(ctx: HttpContext, demand: Demand) {
  const pdf = await receiptPdf(demand, ctx.i18n)
  ctx.response.header('Content-Type', 'application/pdf')
  ctx.response.header('Cache-Control', 'private, no-store')
  ctx.response.header('Content-Disposition', `attachment; filename="recepisse-${demand.reference}.pdf"`)
  return ctx.response.send(pdf)
}
