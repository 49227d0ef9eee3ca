import { queryId, queryString, queryText } from '#core/http/query_filters'
/** Rows on a page of the service's lists (children, registrations, canteen). */
export const LIST_PAGE_SIZE = 50

/** Maxlength of the search box of the lists (longer is cut). */
export const LIST_QUERY_MAX = 100

/** A text filter of these lists, cut to their search box's length. */
export function textFilter(value: unknown, max = LIST_QUERY_MAX) {
  return queryText(value, max)
}

export { queryId as idFilter, queryString as filterQuery }
