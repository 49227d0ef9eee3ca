/*
 * The filters of a list as they come in a query string, read the same way by
 * every list (inbox, mails, catalogue, payments, childhood…). Control
 * characters are already gone (clean_input_middleware): what is left is to
 * bound what was typed and to drop what is not a value.
 */

/** A text filter as typed: trimmed and cut to its box's length ('' when absent or not text). */
export function queryText(value: unknown, max: number) {
  return typeof value === 'string' ? value.trim().slice(0, max) : ''
}

/** An id in a query string (a school, a page key…): a positive integer, else null. */
export function queryId(value: unknown) {
  const id = Number(value)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/** A query string of these filters without the empty ones: for next-page and export links, and audit entries. */
export function queryString(filters: Record<string, string | number | null | undefined>) {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(filters))
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value))
  return params.toString()
}
