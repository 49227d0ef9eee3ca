import { HttpContext } from '@adonisjs/core/http'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { StrictValues } from '@adonisjs/lucid/types/querybuilder'
import Agent from '#accounts/models/agent'
import { accessColumns, keepAccessRead } from '#accounts/services/agent_services'
import { engineOf } from '#core/database/dialect'

/*
 * The agent a session belongs to, read in the same round trip as the
 * session. Every back-office request reads its session, then the agent
 * guard reads the agent and their access: two queries one after the other,
 * a tenth of the inbox's CPU for the second one alone (bench pages). The
 * session's row names its agent (`sessions.agent_id`, written from the
 * session's values), so the session store joins the agent's row and access
 * columns to the session, and the guard's provider takes that row instead of
 * asking again, when it is the same agent.
 *
 * Nothing is kept beyond the request: the row belongs to the request's
 * HttpContext, and the guard takes it at most once. A session without an
 * agent joins nothing; an agent whose row is gone or who is another agent
 * than the session's values say is read as before.
 */

const PREFIX = 'agent__'
const rows = new WeakMap<HttpContext, Record<string, unknown>>()

/** The agent's columns as the model reads them (snake case), e.g. `first_name`. */
function agentColumnNames() {
  return [...Agent.$columnsDefinitions.values()].map((column) => column.columnName)
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
      .leftJoin('agents', 'agents.id', `${table}.agent_id`)
      .select(`${table}.data`, `${table}.created_at`, `${table}.expires_at`)
      .select(agentColumnNames().map((name) => `agents.${name} as ${PREFIX}${name}`))
      .select(accessColumns())
      .where(`${table}.id`, SENTINEL)
      .limit(1)
      .toSQL()
    read = {
      sql: query.sql,
      bindings: [...query.bindings] as StrictValues[],
      idAt: query.bindings.indexOf(SENTINEL),
    }
    compiled.set(key, read)
  }
  return read
}

/** The session's row (`data`, `created_at`, `expires_at`) with its agent's, or null when there is no such session. */
export async function readSessionWithAgent(
  client: QueryClientContract,
  table: string,
  sessionId: string
): Promise<Record<string, unknown> | null> {
  const read = compiledRead(client, table)
  const bindings = [...read.bindings]
  bindings[read.idAt] = sessionId
  const result = await client.rawQuery(read.sql, bindings)
  const found = (Array.isArray(result) ? result : result.rows)[0]
  return found ?? null
}

/** Keeps the agent of a session's row for the guard of the request being served (none outside a request). */
export function keepSessionAgent(row: Record<string, unknown>) {
  if (row[`${PREFIX}id`] === null || row[`${PREFIX}id`] === undefined) return
  const ctx = HttpContext.get()
  if (!ctx) return
  const agent: Record<string, unknown> = {
    access_services: row.access_services,
    access_grants: row.access_grants,
  }
  for (const name of agentColumnNames()) agent[name] = row[`${PREFIX}${name}`]
  rows.set(ctx, agent)
}

/**
 * The agent read with the request's session, as a model with its access,
 * when it is this agent; null otherwise (the caller reads the agent itself).
 * Taken once: a second call in the same request reads the database again.
 */
export function takeSessionAgent(id: string | number | BigInt): Agent | null {
  const ctx = HttpContext.get()
  if (!ctx) return null
  const row = rows.get(ctx)
  if (!row) return null
  rows.delete(ctx)
  if (Number(row.id) !== Number(id)) return null
  const agent = Agent.$createFromAdapterResult(row)
  if (!agent) return null
  keepAccessRead(agent)
  return agent
}
