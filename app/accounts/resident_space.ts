import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { ModuleRegistry } from '#core/modules/registry'
import { dbTimestamp } from '#core/database/dialect'

/**
 * The `residentSpace` extension point. /mon-espace belongs to accounts, the
 * lowest module that knows residents; it knows nothing of demands, invoices
 * or childhood. Each module above fills it in its manifest with a lazily
 * imported timeline source and dashboard cards; a disabled brick's are left
 * out with the rest of its manifest.
 */
declare module '#core/modules/define_module' {
  interface ModuleExtensions {
    /** what the module shows on the resident's /mon-espace */
    residentSpace?: ResidentSpaceContribution
  }
}

export interface ResidentSpaceContribution {
  timeline?: TimelineContribution
  /** cards above the timeline, sorted by their `order` (then modules in layer order) */
  cards?: ResidentCardContribution[]
}

export interface TimelineContribution {
  /** the kinds of item the source returns: i18n keys of their name in the filter (plural) and on an item (singular) */
  kinds: { key: string; label: string; itemLabel: string }[]
  source: () => Promise<{ default: TimelineSource }>
  /**
   * The source honours `viewer` (returns only what the agent's services may
   * see, linked to the agents' pages): its items then also make an agent's
   * 360° view of the resident (/agents/usagers/:id). A source that does not
   * say so is never asked for an agent.
   */
  agents?: boolean
}

/** The agent looking at a resident's record: their active services. */
export interface AgentViewer {
  serviceSlugs: string[]
}

export interface ResidentCardContribution {
  /** where the card goes among the others, smallest first (default 100) */
  order?: number
  card: () => Promise<{ default: ResidentCardSource }>
}

/** Translates a key for the resident's locale. */
export type Translate = (key: string, data?: Record<string, unknown>) => string

/** Where the timeline resumes: the last item shown (newest first, ties by kind then id, descending). */
export interface TimelineCursor {
  date: DateTime
  kind: string
  id: number
}

export interface TimelineQuery {
  userId: number
  /** the kinds asked for, among the source's own (never empty) */
  kinds: string[]
  /** only items strictly after this one in the timeline's order (older) */
  before: TimelineCursor | null
  /** at most this many items (the newest) */
  limit: number
  t: Translate
  /** set for an agent's 360° view: only the items of these services, linked to the agents' pages */
  viewer?: AgentViewer
  /** set while a mediator acts for the resident: the modules their mandate covers (a source mixing modules' items keeps only those) */
  modules?: string[]
}

export interface TimelineItem {
  kind: string
  id: number
  date: DateTime
  title: string
  /** the status, in the resident's words (already translated) */
  status: string
  /** the item's page; empty when the reader has none (an agent without the module's back office) */
  link: string
  detail?: string
  /** shown to an agent as a bare trace of a confidential service's record (no detail, no link): it opens no record by itself */
  masked?: boolean
}

/** Returns the resident's newest items older than `before`, at most `limit`, newest first. */
export type TimelineSource = (query: TimelineQuery) => Promise<TimelineItem[]>

export interface ResidentCard {
  title: string
  href: string
  text: string
  /** a few links under the text (drafts to resume, unpaid invoices…) */
  links?: { label: string; href: string; detail?: string }[]
}

export type ResidentCardSource = (context: {
  userId: number
  t: Translate
}) => Promise<ResidentCard | null>

/** newest first; the same date is ordered by kind then id, both descending (the cursor's order) */
export function compareItems(
  a: Pick<TimelineItem, 'date' | 'kind' | 'id'>,
  b: Pick<TimelineItem, 'date' | 'kind' | 'id'>
) {
  const byDate = b.date.toMillis() - a.date.toMillis()
  if (byDate !== 0) return byDate
  if (a.kind !== b.kind) return a.kind < b.kind ? 1 : -1
  return b.id - a.id
}

/**
 * Restricts a source's query to the items after `before` in the timeline's
 * order, for a source whose rows all have this `kind`: the kind is a
 * constant, so the comparison of kinds is made here and only the date and
 * the id reach SQL (served by an index on the date column).
 */
export function olderThan<Q extends { where: (...args: any[]) => any }>(
  query: Q,
  options: {
    dateColumn: string
    idColumn: string
    kind: string
    before: TimelineCursor | null
    client?: QueryClientContract
  }
): Q {
  const { before, dateColumn, idColumn, kind } = options
  if (!before) return query
  const at = dbTimestamp(before.date.toUTC(), options.client ?? db.connection())
  if (kind < before.kind) query.where(dateColumn, '<=', at)
  else if (kind > before.kind) query.where(dateColumn, '<', at)
  else
    query.where((group: any) =>
      group
        .where(dateColumn, '<', at)
        .orWhere((same: any) => same.where(dateColumn, at).where(idColumn, '<', before.id))
    )
  return query
}

export function encodeCursor(item: Pick<TimelineItem, 'date' | 'kind' | 'id'>) {
  return Buffer.from(JSON.stringify([item.date.toUTC().toISO(), item.kind, item.id])).toString(
    'base64url'
  )
}

/** A cursor from the query string, or null when it is missing or was tampered with. */
export function decodeCursor(value: unknown): TimelineCursor | null {
  if (typeof value !== 'string' || value.length > 200) return null
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString())
    if (!Array.isArray(parsed) || parsed.length !== 3) return null
    const [iso, kind, id] = parsed
    if (
      typeof iso !== 'string' ||
      typeof kind !== 'string' ||
      kind.length > 60 ||
      !Number.isSafeInteger(id)
    )
      return null
    const date = DateTime.fromISO(iso, { zone: 'utc' })
    return date.isValid ? { date, kind, id } : null
  } catch {
    return null
  }
}

/** The kinds the enabled modules' timelines return, in layer order; for agents, those of the sources that honour a viewer. */
export function timelineKinds(
  registry: ModuleRegistry,
  audience: 'resident' | 'agents' = 'resident',
  onlyModules?: string[]
) {
  return enabledContributions(registry, onlyModules)
    .flatMap(({ timeline }) => (timeline ? [timeline] : []))
    .filter((timeline) => audience === 'resident' || timeline.agents)
    .flatMap((timeline) => timeline.kinds)
}

/** `onlyModules`: a mediator's mandate shows only the modules it covers. */
function enabledContributions(
  registry: ModuleRegistry,
  onlyModules?: string[]
): ResidentSpaceContribution[] {
  return registry
    .enabledModules()
    .filter(({ definition }) => !onlyModules || onlyModules.includes(definition.name))
    .flatMap(({ definition }) => (definition.residentSpace ? [definition.residentSpace] : []))
}

/**
 * One page of the resident's timeline, merged across the enabled modules:
 * each source gives its newest `pageSize + 1` items after the cursor, so
 * the page's items and whether an older page exists are both decided from
 * the union. Bounded: one query per source and page, never per row.
 */
export async function timelinePage(
  registry: ModuleRegistry,
  options: {
    userId: number
    kind?: string | null
    before?: TimelineCursor | null
    pageSize?: number
    t: Translate
    /** an agent's 360° view: only the sources that honour it, each filtering by the agent's services */
    viewer?: AgentViewer
    /** a mediator acting for the resident: only the modules of the mandate */
    onlyModules?: string[]
  }
) {
  const pageSize = options.pageSize ?? 20
  const sources = enabledContributions(registry, options.onlyModules)
    .map(({ timeline }) => timeline)
    .filter((timeline): timeline is TimelineContribution => Boolean(timeline))
    .filter((timeline) => !options.viewer || timeline.agents)
    .map((timeline) => ({
      timeline,
      kinds: timeline.kinds
        .map((kind) => kind.key)
        .filter((key) => !options.kind || key === options.kind),
    }))
    .filter(({ kinds }) => kinds.length > 0)
  const batches = await Promise.all(
    sources.map(async ({ timeline, kinds }) => {
      const { default: source } = await timeline.source()
      return source({
        userId: options.userId,
        kinds,
        before: options.before ?? null,
        limit: pageSize + 1,
        t: options.t,
        viewer: options.viewer,
        modules: options.onlyModules,
      })
    })
  )
  const merged = batches.flat().sort(compareItems)
  const items = merged.slice(0, pageSize)
  const last = items[items.length - 1]
  return { items, nextCursor: merged.length > pageSize && last ? encodeCursor(last) : null }
}

/** The cards of the enabled modules, by order then layer; a source may have nothing to show (null). */
export async function residentCards(
  registry: ModuleRegistry,
  context: { userId: number; t: Translate },
  onlyModules?: string[]
) {
  const contributions = enabledContributions(registry, onlyModules)
    .flatMap(({ cards }) => cards ?? [])
    .map((contribution, index) => ({ contribution, index }))
    .sort(
      (a, b) => (a.contribution.order ?? 100) - (b.contribution.order ?? 100) || a.index - b.index
    )
    .map(({ contribution }) => contribution)
  const cards = await Promise.all(
    contributions.map(async ({ card }) => (await card()).default(context))
  )
  return cards.filter((card): card is ResidentCard => Boolean(card))
}
