import db from '@adonisjs/lucid/services/db'
import type Agent from '#accounts/models/agent'
import User from '#accounts/models/user'
import { containsInsensitive } from '#core/database/dialect'
import { recordAudit } from '#accounts/actions/record_audit'

/** Fewer characters match too many people: a search must name someone, not browse the directory. */
export const MIN_RESIDENT_QUERY = 3
export const MAX_RESIDENTS_FOUND = 20

export type ResidentSearch = { status: 'too_short' } | { status: 'found'; residents: User[] }

/**
 * An agent at the counter looks a resident up by name, e-mail or phone. Each
 * search is written to the audit log (who searched what), like every reading
 * of a demand; a query under MIN_RESIDENT_QUERY characters is refused.
 */
export default class SearchResidents {
  async handle(agent: Agent, query: string): Promise<ResidentSearch> {
    const q = query.trim().slice(0, 100)
    if (q.length < MIN_RESIDENT_QUERY) return { status: 'too_short' }
    const client = db.connection()
    const digits = q.replace(/\D/g, '')
    const condition = containsInsensitive(client, ['last_name', 'first_name', 'email'], q)
    const search = User.query().whereRaw(condition.sql, condition.bindings)
    if (digits.length >= 6) search.orWhere('phone', 'like', `%${digits.slice(-9)}%`)
    const residents = await search.orderBy('lastName').limit(MAX_RESIDENTS_FOUND)
    await recordAudit(agent, 'residents.searched', null, `${q} (${residents.length})`)
    return { status: 'found', residents }
  }
}
