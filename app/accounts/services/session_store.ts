import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { SessionData, SessionStoreContract } from '@adonisjs/session/types'
import { clock } from '#core/clock'
import { keepSessionOwners, readSessionWithOwners } from '#accounts/services/session_owners'

export const SESSIONS_TABLE = 'sessions'

/** How long a session lives: since its last request (idle) and since it was opened (absolute). */
export interface SessionLifetimes {
  idleMs: number
  absoluteMs: number
}

/*
 * The session keys the auth guards write (`auth_<guard>`, config/auth.ts):
 * copied into columns so that every session of a resident or of an agent can
 * be found and ended (logout everywhere, password reset, deactivation).
 */
const OWNER_KEYS = { auth_web: 'user_id', auth_agent: 'agent_id' } as const

/** A touch closer than this to the previous one is not written: one write a minute at most per busy session. */
const TOUCH_GRANULARITY_MS = 60_000

/** Expired rows are deleted by the process at most this often, when it opens a session. */
const PURGE_EVERY_MS = 10 * 60_000
let lastPurgeMs = Number.NEGATIVE_INFINITY

interface KnownRow {
  createdAt: number
  expiresAt: number
}

/**
 * Sessions kept in the database, on SQLite and PostgreSQL alike, so that
 * ending one is real: the cookie only carries an id, and an id whose row is
 * gone opens nothing.
 *
 * Expiry is decided here with the app's clock (tests move it): a session
 * ends after `idleMs` without a request or `absoluteMs` after it was opened
 * (a login opens a new one), whichever comes first. An expired row is
 * deleted when it is read, and each process deletes every expired row now
 * and then when it opens a new session (new sessions are what fills the
 * table).
 *
 * One store serves one request (the session middleware builds it per
 * request). It remembers which rows it read, so that a request that was
 * under way while its session was ended elsewhere (logout everywhere,
 * password reset) cannot write the row back when it finishes: known rows are
 * updated, never re-inserted.
 */
export class DatabaseSessionStore implements SessionStoreContract {
  #known = new Map<string, KnownRow>()

  /**
   * `carriedId`, for a store serving a request, gives the session id its
   * cookie carries (none on a first visit): any other id is one the session
   * has just made up for a new visitor, which no row can hold, so reading it
   * asks the database nothing. Null outside a request (tests, commands):
   * every id is looked up.
   */
  constructor(
    private client: QueryClientContract,
    private lifetimes: SessionLifetimes,
    private carriedId: (() => string | undefined) | null
  ) {}

  async read(sessionId: string): Promise<SessionData | null> {
    if (this.carriedId && sessionId !== this.carriedId()) return null
    // The session's resident and agent come with it, for the guards (session_owners.ts).
    const row = await readSessionWithOwners(this.client, SESSIONS_TABLE, sessionId)
    if (!row) return null
    const known = { createdAt: Number(row.created_at), expiresAt: Number(row.expires_at) }
    if (this.#isOver(known, clock.nowMs())) {
      await this.destroy(sessionId)
      return null
    }
    this.#known.set(sessionId, known)
    keepSessionOwners(row)
    try {
      return JSON.parse(row.data as string) as SessionData
    } catch {
      return null
    }
  }

  async write(sessionId: string, values: SessionData) {
    const now = clock.nowMs()
    const owners = ownersOf(values)
    const known = this.#known.get(sessionId)
    if (known) {
      const expiresAt = this.#deadline(known.createdAt, now)
      // No row updated: the session was ended while this request ran; it stays ended.
      await this.client
        .from(SESSIONS_TABLE)
        .where('id', sessionId)
        .update({ data: JSON.stringify(values), ...owners, expires_at: expiresAt })
      known.expiresAt = expiresAt
      return
    }
    const row = {
      id: sessionId,
      data: JSON.stringify(values),
      ...owners,
      created_at: now,
      expires_at: this.#deadline(now, now),
    }
    await this.client.knexQuery().table(SESSIONS_TABLE).insert(row).onConflict('id').ignore()
    this.#known.set(sessionId, { createdAt: now, expiresAt: row.expires_at })
    // Math.abs: a clock moved back (tests, a corrected server clock) does not stop the purge for long.
    if (Math.abs(now - lastPurgeMs) >= PURGE_EVERY_MS) {
      lastPurgeMs = now
      await purgeExpiredSessions(this.client, now)
    }
  }

  async destroy(sessionId: string) {
    this.#known.delete(sessionId)
    await this.client.from(SESSIONS_TABLE).where('id', sessionId).delete()
  }

  /** A request that changed nothing in the session still counts as activity. */
  async touch(sessionId: string) {
    const known = this.#known.get(sessionId)
    if (!known) return
    const expiresAt = this.#deadline(known.createdAt, clock.nowMs())
    if (expiresAt - known.expiresAt < TOUCH_GRANULARITY_MS) return
    await this.client.from(SESSIONS_TABLE).where('id', sessionId).update({ expires_at: expiresAt })
    known.expiresAt = expiresAt
  }

  #deadline(createdAt: number, now: number) {
    return Math.min(now + this.lifetimes.idleMs, createdAt + this.lifetimes.absoluteMs)
  }

  #isOver(row: KnownRow, now: number) {
    return row.expiresAt <= now || row.createdAt + this.lifetimes.absoluteMs <= now
  }
}

/** The resident and agent a session's values say are logged in (null when none). */
function ownersOf(values: SessionData) {
  const owners: Record<'user_id' | 'agent_id', number | null> = { user_id: null, agent_id: null }
  for (const [key, column] of Object.entries(OWNER_KEYS)) {
    const id = Number(values[key])
    if (Number.isSafeInteger(id) && id > 0) owners[column] = id
  }
  return owners
}

/** Deletes every session past its deadline; returns how many. */
export async function purgeExpiredSessions(client: QueryClientContract, nowMs = clock.nowMs()) {
  const deleted = await client.from(SESSIONS_TABLE).where('expires_at', '<=', nowMs).delete()
  return Number(Array.isArray(deleted) ? deleted[0] : deleted)
}
