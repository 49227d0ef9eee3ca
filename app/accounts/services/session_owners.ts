import { HttpContext } from '@adonisjs/core/http'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { StrictValues } from '@adonisjs/lucid/types/querybuilder'
import Agent from '#accounts/models/agent'
import User from '#accounts/models/user'
import { accessColumns, keepAccessRead } from '#accounts/services/agent_services'
import { engineOf } from '#core/database/dialect'
import { selectPrepared } from '#core/database/prepared_statements'

/*
 * Who a session belongs to, read in the same round trip as the session.
 * Every request of a logged-in resident or agent reads its session, then its
 * guard reads the resident (or the agent and their access): two queries one
 * after the other, and on the agents' inbox the second alone was about a
 * tenth of the page's CPU (bench pages). The session's row names its owners
 * (`sessions.user_id`, `sessions.agent_id`, written from the session's
 * values), so the session store joins their rows to the session, and each
 * guard's provider takes its row instead of asking again — when it is the
 * same person.
 *
 * Nothing is kept beyond the request: the rows belong to the request's
 * HttpContext, and each guard takes its row at most once. A session without
 * owner joins nothing; an owner whose row is gone, or another person than
 * the session's values say, is read as before.
 */

interface Owner {
  /** prefix of the owner's columns in the joined row */
  prefix: string
  table: string
  /** the session's column naming the owner */
  column: string
  model: () => LucidModel
}

const OWNERS = {
  user: { prefix: 'user__', table: 'users', column: 'user_id', model: () => User },
  agent: { prefix: 'agent__', table: 'agents', column: 'agent_id', model: () => Agent },
} satisfies Record<string, Owner>

type OwnerKind = keyof typeof OWNERS

const kept = new WeakMap<HttpContext, Partial<Record<OwnerKind, Record<string, unknown>>>>()

const columnLists = new WeakMap<LucidModel, string[]>()

/** A model's columns as the database names them, e.g. `first_name` (listed once per model: every request with a session reads them). */
function columnNames(model: LucidModel) {
  let names = columnLists.get(model)
  if (!names) {
    names = [...model.$columnsDefinitions.values()].map((column) => column.columnName)
    columnLists.set(model, names)
  }
  return names
}

interface CompiledRead {
  sql: string
  bindings: StrictValues[]
  idAt: number
}

/* The read's SQL depends only on the engine: built once per engine, then sent with the session's id. */
const compiled = new Map<string, CompiledRead>()
const SENTINEL = '\u0000parvis-session-id'

function compiledRead(client: QueryClientContract, table: string): CompiledRead {
  const key = `${engineOf(client)}:${table}`
  let read = compiled.get(key)
  if (!read) {
    const query = client
      .from(table)
      .select(`${table}.data`, `${table}.created_at`, `${table}.expires_at`)
      .where(`${table}.id`, SENTINEL)
      .limit(1)
    for (const owner of Object.values(OWNERS)) {
      query
        .leftJoin(owner.table, `${owner.table}.id`, `${table}.${owner.column}`)
        .select(
          columnNames(owner.model()).map(
            (name) => `${owner.table}.${name} as ${owner.prefix}${name}`
          )
        )
    }
    // The agent's services and grants, which every back-office page needs (agent_services.ts).
    query.select(accessColumns())
    const sql = query.toSQL()
    read = {
      sql: sql.sql,
      bindings: [...sql.bindings] as StrictValues[],
      idAt: sql.bindings.indexOf(SENTINEL),
    }
    compiled.set(key, read)
  }
  return read
}

/** The session's row (`data`, `created_at`, `expires_at`) with its owners', or null when there is no such session. */
export async function readSessionWithOwners(
  client: QueryClientContract,
  table: string,
  sessionId: string
): Promise<Record<string, unknown> | null> {
  const read = compiledRead(client, table)
  const bindings = [...read.bindings]
  bindings[read.idAt] = sessionId
  // Every request with a session sends it: parsed and planned once per connection on PostgreSQL.
  const rows = await selectPrepared(client, 'session_read', read.sql, bindings)
  return rows[0] ?? null
}

/** Keeps the owners of a session's row for the guards of the request being served (none outside a request). */
export function keepSessionOwners(row: Record<string, unknown>) {
  const ctx = HttpContext.get()
  if (!ctx) return
  const owners: Partial<Record<OwnerKind, Record<string, unknown>>> = {}
  for (const [kind, owner] of Object.entries(OWNERS) as [OwnerKind, Owner][]) {
    const id = row[`${owner.prefix}id`]
    if (id === null || id === undefined) continue
    const columns: Record<string, unknown> = {}
    for (const name of columnNames(owner.model())) columns[name] = row[`${owner.prefix}${name}`]
    owners[kind] = columns
  }
  if (owners.agent) {
    owners.agent.access_services = row.access_services
    owners.agent.access_grants = row.access_grants
  }
  kept.set(ctx, owners)
}

/** The row kept for this kind of owner when it is this id; taken once. */
function take(kind: OwnerKind, id: string | number | BigInt) {
  const ctx = HttpContext.get()
  const owners = ctx ? kept.get(ctx) : undefined
  const row = owners?.[kind]
  if (!row) return null
  delete owners[kind]
  return Number(row.id) === Number(id) ? row : null
}

/**
 * The agent read with the request's session, as a model with their access,
 * when it is this agent; null otherwise (the caller reads the agent itself).
 */
export function takeSessionAgent(id: string | number | BigInt): Agent | null {
  const row = take('agent', id)
  const agent = row ? Agent.$createFromAdapterResult(row) : null
  if (agent) keepAccessRead(agent)
  return agent
}

/** The resident read with the request's session, when it is this resident; null otherwise. */
export function takeSessionUser(id: string | number | BigInt): User | null {
  const row = take('user', id)
  return row ? User.$createFromAdapterResult(row) : null
}
