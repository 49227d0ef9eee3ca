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
  async show({ view, auth, i18n, request, actingFor }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    await user.load('householdMembers')
    const t = (key: string, data?: Record<string, unknown>) => i18n.t(key, data)
    const { onlyModules, onlyCards } = mandateModules(actingFor)
    const kinds = timelineKinds(modules, 'resident', onlyModules)
    const kind = chosenKind(kinds, request.input('type'))
    const before = decodeCursor(request.input('avant'))
    const [cards, page] = await Promise.all([
      residentCards(modules, { userId: user.id, t }, onlyCards),
      timelinePage(modules, { userId: user.id, kind, before, t, onlyModules }),
    ])
    const timeline = timelineView(kinds, kind, Boolean(before), page)
    return view.render('accounts::dashboard', { user, cards, ...timeline })
  }
}

/** A mediator sees only what the resident's mandate covers, and on the timeline what was done under it. */
function mandateModules(actingFor: HttpContext['actingFor']) {
  return {
    onlyModules: actingFor ? [...actingFor.modules, 'mediation'] : undefined,
    onlyCards: actingFor?.modules,
  }
}

type TimelineKind = ReturnType<typeof timelineKinds>[number]

/** The kind the filter asks for, if the enabled modules have it (otherwise every kind). */
function chosenKind(kinds: TimelineKind[], asked: unknown) {
  return kinds.some((candidate) => candidate.key === asked) ? (asked as string) : null
}

/** The timeline as the dashboard shows it: the filter's kinds, the page of items, and its links. */
function timelineView(
  kinds: TimelineKind[],
  kind: string | null,
  paged: boolean,
  page: Awaited<ReturnType<typeof timelinePage>>
) {
  return {
    kinds,
    kind,
    kindLabels: Object.fromEntries(kinds.map((candidate) => [candidate.key, candidate.itemLabel])),
    items: page.items,
    before: paged,
    ...timelineLinks(kind, paged, page.nextCursor),
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
