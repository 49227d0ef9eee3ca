import type Agent from '#accounts/models/agent'
import User from '#accounts/models/user'
import modules from '#core/services/modules'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import {
  timelineKinds,
  timelinePage,
  type AgentViewer,
  type TimelineCursor,
  type Translate,
} from '#accounts/resident_space'
import { counterProcedures } from '#demands/services/filing_catalogue'
import { recordAudit } from '#accounts/actions/record_audit'

export const RECORD_PAGE_SIZE = 20

export interface ResidentRecordQuery {
  residentId: unknown
  /** one kind of item only (null: every kind the agent may see) */
  kind: string | null
  before: TimelineCursor | null
  t: Translate
}

/**
 * An agent opens a resident's 360° view (/agents/usagers/:id): the identity
 * and contact, and one page of what the enabled modules hold about the
 * resident, each module giving only what the agent's services may see
 * (residentSpace timelines that declare `agents`). An agent whose services
 * share nothing with the resident, and who cannot look residents up at the
 * counter either, gets nothing (null: "not found"). Each opening is written
 * to the audit log with the number of items shown.
 */
export default class OpenResidentRecord {
  async handle(agent: Agent, query: ResidentRecordQuery) {
    const id = Number(query.residentId)
    const resident = Number.isSafeInteger(id) && id > 0 ? await User.find(id) : null
    if (!resident) return null
    const viewer = { serviceSlugs: await agentServiceSlugs(agent) }
    const kinds = timelineKinds(modules, 'agents')
    // A kind the view does not offer (a stale or typed link) shows every kind.
    const kind = kinds.some((candidate) => candidate.key === query.kind) ? query.kind : null
    const page = await timelinePage(modules, {
      userId: resident.id,
      kind,
      before: query.before,
      pageSize: RECORD_PAGE_SIZE,
      t: query.t,
      viewer,
    })
    const filtered = Boolean(kind || query.before)
    // A masked trace of a confidential service's record is no reason to show the resident's identity.
    const readable = page.items.filter((item) => !item.masked)
    if (readable.length === 0 && !(await this.#mayOpen(resident, viewer, filtered, query.t)))
      return null
    const filter = kind ? ` [${kind}]` : ''
    await recordAudit(
      agent,
      'resident.viewed',
      null,
      `${resident.fullName} (#${resident.id})${filter}`,
      page.items.length
    )
    return { resident, page, kinds, kind }
  }

  /**
   * Whether an agent who sees nothing on this page may still see the
   * resident: something of theirs on another page or of another kind, or
   * the right to look residents up at the counter (where name and contact
   * are shown anyway).
   */
  async #mayOpen(resident: User, viewer: AgentViewer, filtered: boolean, t: Translate) {
    if (counterProcedures(viewer.serviceSlugs).length > 0) return true
    if (!filtered) return false
    const any = await timelinePage(modules, {
      userId: resident.id,
      pageSize: RECORD_PAGE_SIZE,
      t,
      viewer,
    })
    return any.items.some((item) => !item.masked)
  }
}
