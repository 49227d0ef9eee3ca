/** Rows on a page of the service's lists (children, registrations, canteen). */
export const LIST_PAGE_SIZE = 50

/** Maxlength of the search box of the lists (longer is cut). */
export const LIST_QUERY_MAX = 100

/** A text filter as typed in a query string, trimmed and cut to its box's length. */
export function textFilter(value: unknown, max = LIST_QUERY_MAX) {
  return typeof value === 'string' ? value.trim().slice(0, max) : ''
}

/** An id filter (a school, an activity) as given in a query string, else null. */
export function idFilter(value: unknown) {
  const id = Number(value)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/**
 * The query string of a list's filters, without empty ones: the links of
 * the next page, the export, and the audit entry's filter.
 */
export function filterQuery(filters: Record<string, string | number | null>) {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(filters))
    if (value !== null && value !== '') params.set(name, String(value))
  return params.toString()
}
