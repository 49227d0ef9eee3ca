import type { HttpContext } from '@adonisjs/core/http'
import modules from '#core/services/modules'
import { decodeCursor, residentCards, timelineKinds, timelinePage } from '#accounts/resident_space'

/**
 * /mon-espace: the resident's dashboard. Its cards and its timeline come
 * from what the enabled modules contribute (residentSpace): demands,
 * appointments, invoices, childhood… are not known here. The filter is a GET
 * form and older items a plain link, so all of it works without JavaScript.
 */
export default class ResidentSpaceController {
  async show({ view, auth, i18n, request }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    await user.load('householdMembers')
    const t = (key: string, data?: Record<string, unknown>) => i18n.t(key, data)
    const kinds = timelineKinds(modules)
    const asked = request.input('type')
    const kind = kinds.some((candidate) => candidate.key === asked) ? (asked as string) : null
    const before = decodeCursor(request.input('avant'))
    const [cards, page] = await Promise.all([
      residentCards(modules, { userId: user.id, t }),
      timelinePage(modules, { userId: user.id, kind, before, t }),
    ])
    const kindLabels = Object.fromEntries(
      kinds.map((candidate) => [candidate.key, candidate.itemLabel])
    )
    const links = timelineLinks(kind, Boolean(before), page.nextCursor)
    return view.render('accounts::dashboard', {
      user,
      cards,
      kinds,
      kind,
      kindLabels,
      items: page.items,
      before: Boolean(before),
      ...links,
    })
  }
}

/** "Plus anciens" (the next page, same filter) and "Revenir aux plus récents" (when not on the first page). */
function timelineLinks(kind: string | null, paged: boolean, nextCursor: string | null) {
  const query = (cursor: string) =>
    new URLSearchParams({ ...(kind ? { type: kind } : {}), avant: cursor }).toString()
  return {
    olderUrl: nextCursor ? `/mon-espace?${query(nextCursor)}#historique` : null,
    newestUrl: paged
      ? `/mon-espace${kind ? `?type=${encodeURIComponent(kind)}` : ''}#historique`
      : null,
  }
}
