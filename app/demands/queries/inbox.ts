import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import Demand from '#demands/models/demand'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { scopeToServices } from '#demands/policies/demand_access'
import { allProcedures, workflowOf } from '#demands/procedures/registry'
import { containsInsensitive, dbTimestamp, storedInstantMs } from '#core/database/dialect'
import { selectPrepared } from '#core/database/prepared_statements'
import { clock } from '#core/clock'
import { queryText } from '#core/http/query_filters'

export type InboxSort = 'recent' | 'oldest' | 'deadline'
export type AssigneeFilter = '' | 'me' | 'nobody' | 'someone'

export interface InboxFilters {
  procedure: string
  /** 'open' (default), 'closed', 'all' or one state key */
  state: string
  assignee: AssigneeFilter
  overdue: boolean
  /** YYYY-MM-DD, on the submission date (Paris) */
  from: string
  to: string
  q: string
  sort: InboxSort
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const REFERENCE = /^[A-Za-z]{2,10}-\d{4}-\d{1,9}$/

/** Reads the inbox's query string leniently: anything unknown falls back to the default rather than failing. */
/** Lengths of the inbox's text filters (the search box's maxlength; longer is cut). */
export const INBOX_FILTER_LIMITS = { q: 100 }

export function parseInboxFilters(qs: Record<string, unknown>): InboxFilters {
  const text = (name: string, max = 100) => queryText(qs[name], max)
  const sort = text('tri')
  const assignee = text('assignation')
  const from = text('du')
  const to = text('au')
  return {
    procedure: text('demarche', 80),
    state: text('statut', 40) || 'open',
    assignee: (['me', 'nobody', 'someone'].includes(assignee) ? assignee : '') as AssigneeFilter,
    overdue: qs['retard'] === '1' || qs['retard'] === 'on',
    from: ISO_DATE.test(from) && DateTime.fromISO(from).isValid ? from : '',
    to: ISO_DATE.test(to) && DateTime.fromISO(to).isValid ? to : '',
    q: text('q', INBOX_FILTER_LIMITS.q),
    sort: (['recent', 'oldest', 'deadline'].includes(sort) ? sort : 'recent') as InboxSort,
  }
}

/** The query string of these filters (links, saved filters, export). */
export function inboxQueryString(filters: InboxFilters) {
  const params = new URLSearchParams()
  if (filters.procedure) params.set('demarche', filters.procedure)
  if (filters.state !== 'open') params.set('statut', filters.state)
  if (filters.assignee) params.set('assignation', filters.assignee)
  if (filters.overdue) params.set('retard', '1')
  if (filters.from) params.set('du', filters.from)
  if (filters.to) params.set('au', filters.to)
  if (filters.q) params.set('q', filters.q)
  if (filters.sort !== 'recent') params.set('tri', filters.sort)
  return params.toString()
}

/** States in which the SLA clock is paused (waiting for the resident): a demand there is never overdue. */
export function pausedStates() {
  const states = new Set<string>()
  for (const procedure of allProcedures()) {
    for (const transition of workflowOf(procedure).transitions)
      if (transition.effects?.sla === 'pause') states.add(transition.to)
  }
  return [...states]
}

/**
 * The agent's demands matching the filters, not yet ordered nor paginated.
 * Synchronous on purpose: an async function would run the (thenable) query.
 */
export function inboxQuery(
  agent: Agent,
  slugs: string[],
  filters: InboxFilters,
  now = clock.now()
) {
  const client = db.connection()
  const query = scopeToServices(Demand.query(), slugs)
  if (filters.procedure) query.where('procedure_key', filters.procedure)
  if (filters.state === 'open') query.whereNull('closed_at')
  else if (filters.state === 'closed') query.whereNotNull('closed_at')
  else if (filters.state !== 'all') query.where('state', filters.state)
  if (filters.assignee === 'me') query.where('assignee_id', agent.id)
  else if (filters.assignee === 'nobody') query.whereNull('assignee_id')
  else if (filters.assignee === 'someone') query.whereNotNull('assignee_id')
  if (filters.overdue) {
    query.whereNull('closed_at').where('due_at', '<', dbTimestamp(now, client))
    const paused = pausedStates()
    if (paused.length) query.whereNotIn('state', paused)
  }
  if (filters.from)
    query.where(
      'submitted_at',
      '>=',
      dbTimestamp(DateTime.fromISO(filters.from, { zone: 'Europe/Paris' }).startOf('day'), client)
    )
  if (filters.to)
    query.where(
      'submitted_at',
      '<',
      dbTimestamp(
        DateTime.fromISO(filters.to, { zone: 'Europe/Paris' }).plus({ days: 1 }).startOf('day'),
        client
      )
    )
  if (filters.q) {
    if (REFERENCE.test(filters.q)) {
      query.where('reference', filters.q.toUpperCase())
    } else {
      const condition = containsInsensitive(
        client,
        ['reference', 'applicant_last_name', 'applicant_first_name', 'applicant_email'],
        filters.q
      )
      query.whereRaw(condition.sql, condition.bindings)
    }
  }
  return query
}

interface Cursor {
  at: string | null
  id: number
}

function encodeCursor(cursor: Cursor) {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

function decodeCursor(value: unknown): Cursor | null {
  if (typeof value !== 'string' || value.length > 200) return null
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString())
    if (typeof parsed?.id !== 'number' || (parsed.at !== null && typeof parsed.at !== 'string'))
      return null
    if (parsed.at !== null && !DateTime.fromISO(parsed.at).isValid) return null
    return parsed
  } catch {
    return null
  }
}

/*
 * What an inbox row shows and needs (reference, applicant, dates, state,
 * assignee, procedure): not the answers, the contact details nor the
 * timestamps, which a page of 50 full demands would read, parse and hydrate
 * for nothing.
 */
const INBOX_COLUMNS = [
  'id',
  'reference',
  'procedure_key',
  'service_slug',
  'state',
  'applicant_first_name',
  'applicant_last_name',
  'assignee_id',
  'submitted_at',
  'due_at',
  'closed_at',
]

/*
 * The assignee's name comes with the row (a primary-key lookup per row in
 * the database) rather than from a second query: one round trip less per
 * page. Agent.fullName's format: first name, space, last name.
 */
const ASSIGNEE_NAME =
  "(select agents.first_name || ' ' || agents.last_name from agents where agents.id = demands.assignee_id) as assignee_name"

/** A row of the inbox as the database gives it (snake case; timestamps as Date on PostgreSQL, UTC text on SQLite). */
interface InboxRecord {
  id: number
  reference: string | null
  procedure_key: string
  service_slug: string
  state: string
  applicant_first_name: string | null
  applicant_last_name: string | null
  assignee_id: number | null
  submitted_at: Date | string | null
  due_at: Date | string | null
  closed_at: Date | string | null
  assignee_name: string | null
}

/** What an inbox row shows, read-only: a plain object, not a Demand model (50 models cost a tenth of the page). */
export interface InboxDemand {
  id: number
  reference: string | null
  procedureKey: string
  serviceSlug: string
  state: string
  applicantFirstName: string | null
  applicantLastName: string | null
  assigneeId: number | null
  /** instants in epoch milliseconds: a page only compares and prints them (formatDate takes them as they are) */
  submittedAt: number | null
  dueAt: number | null
  closedAt: number | null
  /** the assignee's full name, read with the row */
  assigneeName: string | null
}

function inboxDemand(row: InboxRecord): InboxDemand {
  return {
    id: row.id,
    reference: row.reference,
    procedureKey: row.procedure_key,
    serviceSlug: row.service_slug,
    state: row.state,
    applicantFirstName: row.applicant_first_name,
    applicantLastName: row.applicant_last_name,
    assigneeId: row.assignee_id,
    submittedAt: storedInstantMs(row.submitted_at),
    dueAt: storedInstantMs(row.due_at),
    closedAt: storedInstantMs(row.closed_at),
    assigneeName: row.assignee_name,
  }
}

/**
 * One page of the inbox, paginated by key (the last row's sort value and id)
 * rather than by offset, so page 500 costs what page 1 costs. Served by the
 * (service_slug, …, id) indexes.
 */
export async function inboxPage(
  agent: Agent,
  filters: InboxFilters,
  cursorParam: unknown,
  pageSize = 50,
  now = clock.now()
) {
  const query = inboxQuery(agent, await agentServiceSlugs(agent), filters, now)
  const client = db.connection()
  const column = filters.sort === 'deadline' ? 'due_at' : 'submitted_at'
  const descending = filters.sort === 'recent'
  const cursor = decodeCursor(cursorParam)
  if (cursor && cursor.at) {
    const at = dbTimestamp(DateTime.fromISO(cursor.at), client)
    const operator = descending ? '<' : '>'
    query.where((group) => {
      group
        .where(column, operator, at)
        .orWhere((same) => same.where(column, at).where('id', operator, cursor.id))
    })
  }
  query
    .select(INBOX_COLUMNS)
    .select(db.raw(ASSIGNEE_NAME))
    .orderBy(column, descending ? 'desc' : 'asc')
    .orderBy('id', descending ? 'desc' : 'asc')
    .limit(pageSize + 1)
  // Sent at each visit of the inbox: parsed and planned once per connection and shape of filters.
  const { sql, bindings } = query.toSQL()
  const rows = (await selectPrepared<InboxRecord>(client, 'inbox', sql, bindings)).map(inboxDemand)
  const page = rows.slice(0, pageSize)
  const last = page[page.length - 1]
  const lastValue = last ? (filters.sort === 'deadline' ? last.dueAt : last.submittedAt) : null
  return {
    demands: page,
    nextCursor:
      rows.length > pageSize && last
        ? encodeCursor({
            at: lastValue === null ? null : new Date(lastValue).toISOString(),
            id: last.id,
          })
        : null,
  }
}
