import type OpenResidentRecord from '#demands/actions/open_resident_record'

type ResidentRecord = NonNullable<Awaited<ReturnType<OpenResidentRecord['handle']>>>

/**
 * What the 360° view's template needs: the resident, the kinds of the
 * filter, the page of items and its links (same filter, older items; back
 * to the newest).
 */
export function residentRecordView(record: ResidentRecord, paged: boolean) {
  const { resident, page, kinds, kind } = record
  const base = `/agents/usagers/${resident.id}`
  const query = (cursor: string) =>
    new URLSearchParams({ ...(kind ? { type: kind } : {}), avant: cursor }).toString()
  return {
    resident,
    kinds,
    kind,
    kindLabels: Object.fromEntries(kinds.map((candidate) => [candidate.key, candidate.itemLabel])),
    items: page.items,
    paged,
    olderUrl: page.nextCursor ? `${base}?${query(page.nextCursor)}#historique` : null,
    newestUrl: paged
      ? `${base}${kind ? `?type=${encodeURIComponent(kind)}` : ''}#historique`
      : null,
  }
}
