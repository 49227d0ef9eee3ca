import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import type Demand from '#demands/models/demand'
import type DemandFile from '#demands/models/demand_file'
import { receiptPdf } from '#demands/services/receipt_pdf'
import { notFoundPage } from '#core/services/not_found'
import { MIME_TYPES, kindOfStoredName, nameForKind } from '#demands/procedures/sniff_file'
import type { SniffedKind } from '#demands/procedures/define_procedure'

/** What is needed to send back a file kept on the private disk. */
export interface StoredFile {
  storageKey: string
  /** the name it was sent with (cleaned by cleanFileName) */
  originalName: string
  /** as sniffed at upload; read from the storage key's extension when the row does not keep it */
  mimeType?: string | null
  size?: number | null
}

/**
 * Streams a stored file, always as a download (a PDF or an image opens in the
 * browser's viewer from it), with the type of what the file really is and a
 * name that ends with the matching extension: the name it was sent with
 * appears only in Content-Disposition, in its safe form.
 */
export async function sendStoredFile(ctx: HttpContext, file: StoredFile) {
  const kind =
    (Object.keys(MIME_TYPES) as SniffedKind[]).find(
      (candidate) => MIME_TYPES[candidate] === file.mimeType
    ) ?? kindOfStoredName(file.storageKey)
  const name = kind ? nameForKind(file.originalName, kind) : file.originalName
  // A row whose file is gone (removed by hand, a disk restored from an older backup): "not found", not a response cut in the middle.
  if (!(await drive.use().exists(file.storageKey))) return notFoundPage(ctx)
  const stream = await drive.use().getStream(file.storageKey)
  ctx.response.header('Content-Type', kind ? MIME_TYPES[kind] : 'application/octet-stream')
  if (file.size) ctx.response.header('Content-Length', String(file.size))
  ctx.response.header('X-Content-Type-Options', 'nosniff')
  ctx.response.header('Cache-Control', 'private, no-store')
  ctx.response.header(
    'Content-Disposition',
    `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (char) => '%' + char.charCodeAt(0).toString(16).toUpperCase())}`
  )
  return ctx.response.stream(stream)
}

/** A file of a demand (answers, messages, notes). */
export function sendDemandFile(ctx: HttpContext, file: DemandFile) {
  return sendStoredFile(ctx, file)
}

export async function sendReceiptPdf(ctx: HttpContext, demand: Demand) {
  const pdf = await receiptPdf(demand, ctx.i18n)
  ctx.response.header('Content-Type', 'application/pdf')
  ctx.response.header('Cache-Control', 'private, no-store')
  ctx.response.header(
    'Content-Disposition',
    `attachment; filename="recepisse-${demand.reference}.pdf"`
  )
  return ctx.response.send(pdf)
}
