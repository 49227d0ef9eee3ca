import type { DateTime } from 'luxon'

/**
 * CSV that French office software opens with a double click: UTF-8 with a
 * byte-order mark, `;` between fields, CRLF line ends, decimal commas and
 * DD/MM/YYYY dates. Cells that a spreadsheet would read as a formula are
 * neutralised (CSV injection).
 */
export const UTF8_BOM = '\uFEFF'

export type CsvValue = string | number | boolean | null | undefined | Date | DateTime

function isLuxon(value: unknown): value is DateTime {
  return typeof value === 'object' && value !== null && 'toFormat' in value && 'isValid' in value
}

export function csvCell(value: CsvValue): string {
  let text: string
  if (value === null || value === undefined) text = ''
  else if (typeof value === 'number')
    text = Number.isFinite(value) ? String(value).replace('.', ',') : ''
  else if (typeof value === 'boolean') text = value ? 'oui' : 'non'
  else if (value instanceof Date)
    text = `${String(value.getDate()).padStart(2, '0')}/${String(value.getMonth() + 1).padStart(2, '0')}/${value.getFullYear()}`
  else if (isLuxon(value)) text = value.setZone('Europe/Paris').toFormat('dd/MM/yyyy')
  else text = String(value)

  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  if (/[;"\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`
  return text
}

export function csvRow(values: CsvValue[]): string {
  return `${values.map(csvCell).join(';')}\r\n`
}
