import type { HttpContext } from '@adonisjs/core/http'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import LeaveWaitingList from '#appointments/actions/leave_waiting_list'
import MeetingType from '#appointments/models/meeting_type'
import { pointsOfServices } from '#appointments/queries/agent_appointments'
import { residentWaitingEntries, waitingPage } from '#appointments/queries/waiting_list'
import { routeUrl } from '#core/http/route_url'

/** The type and point asked for in the query string (0 or garbage: all). */
function waitingFilters(input: Record<string, unknown>) {
  return {
    typeId: Number(input.type) > 0 ? Math.floor(Number(input.type)) : null,
    pointId: Number(input.lieu) > 0 ? Math.floor(Number(input.lieu)) : null,
  }
}

function filterLinks(filters: ReturnType<typeof waitingFilters>) {
  return { type: filters.typeId ?? undefined, lieu: filters.pointId ?? undefined }
}

/**
 * Waiting lists: the resident's own entries in their space (/mon-espace/
 * liste-attente), which they may leave; the agents' list per type and point
 * (/agents/rendez-vous/liste-attente), first come first.
 */
export default class WaitingListController {
  async residentIndex({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    return view.render('appointments::waiting_index', {
      entries: await residentWaitingEntries(user.id),
    })
  }

  async leave({ params, auth, session, response }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    if (await new LeaveWaitingList().handle(user.id, Number(params.id)))
      session.flash('success', 'appointments.waiting.left')
    return response.redirect().status(303).toPath(routeUrl('resident.waiting_list.index'))
  }

  async agentsIndex({ view, auth, request }: HttpContext) {
    const slugs = await agentServiceSlugs(auth.use('agent').getUserOrFail())
    const filters = waitingFilters(request.qs())
    const { entries, more } = await waitingPage(
      slugs,
      filters,
      Number(request.input('apres')) || null
    )
    const next = more ? { ...filterLinks(filters), apres: entries.at(-1)!.id } : null
    return view.render('appointments::agents/waiting', {
      entries,
      filters,
      types: await MeetingType.query().whereIn('serviceSlug', slugs).orderBy('label'),
      points: await pointsOfServices(slugs),
      nextUrl: next ? routeUrl('appointments.agents.waiting', {}, next) : null,
    })
  }
}
