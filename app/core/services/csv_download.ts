import { Readable } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import { clock } from '#core/clock'
import { UTF8_BOM, csvRow, type CsvValue } from '#core/services/french_csv'

/** Rows read per query: enough to keep the database busy, small enough to keep memory flat. */
export const CSV_BATCH = 1000

/**
 * Reads a table by key, batch after batch (`where id > last order by id`),
 * so that an export of 100,000 rows never holds more than one batch.
 * `page(afterId, size)` returns the next rows after `afterId`, ordered by id.
 */
export async function* keysetBatches<Row extends { id: number }>(
  page: (afterId: number, size: number) => Promise<Row[]>,
  size = CSV_BATCH
): AsyncGenerator<Row[]> {
  let afterId = 0
  for (;;) {
    const rows = await page(afterId, size)
    if (rows.length === 0) return
    yield rows
    if (rows.length < size) return
    afterId = rows[rows.length - 1].id
  }
}

export interface CsvDownload<Row> {
  /** The file's name without date nor extension, e.g. `paiements`: `paiements-2026-12-06-1430.csv`. */
  name: string
  header: string[]
  batches: AsyncIterable<Row[]>
  toCells: (row: Row) => CsvValue[]
  /** Told how many rows left once the last one is written (the audit entry's count). */
  onDone?: (rowCount: number) => Promise<unknown>
}

export async function* csvChunks<Row>(download: CsvDownload<Row>): AsyncGenerator<string> {
  let count = 0
  yield UTF8_BOM + csvRow(download.header)
  for await (const rows of download.batches) {
    let chunk = ''
    for (const row of rows) chunk += csvRow(download.toCells(row))
    count += rows.length
    yield chunk
  }
  await download.onDone?.(count)
}

/**
 * Sends rows as a CSV file for French spreadsheets (see french_csv), streamed
 * batch by batch; never cached, always a download.
 */
export function sendCsv<Row>(ctx: HttpContext, download: CsvDownload<Row>) {
  const stamp = clock.local().toFormat('yyyy-MM-dd-HHmm')
  ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
  ctx.response.header('Content-Disposition', `attachment; filename="${download.name}-${stamp}.csv"`)
  ctx.response.header('Cache-Control', 'private, no-store')
  return ctx.response.stream(Readable.from(csvChunks(download)))
}
