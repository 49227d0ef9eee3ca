/** The cells of a chart's data table on /agents/statistiques, row by row, as text (spaces of figures made plain). */
export function tableOf(html: string, chartId: string) {
  const start = html.indexOf(`id="${chartId}"`)
  if (start < 0) throw new Error(`No chart ${chartId} on the page`)
  const body = html.slice(html.indexOf('<tbody>', start), html.indexOf('</tbody>', start))
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]
        .replace(/<[^>]+>/g, '')
        .replace(/&#x27;/g, "'")
        .replace(/&amp;/g, '&')
        .replace(/[\u00a0\u202f]/g, ' ')
        .trim()
    )
  )
}

/** A CSV download's rows (French CSV: byte-order mark, `;`, CRLF). */
export function csvRows(text: string) {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(';'))
}
