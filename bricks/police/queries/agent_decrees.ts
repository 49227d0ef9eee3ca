import User from '#accounts/models/user'
import Decree from '../models/decree.js'
import type { DecreeInput } from '../validators/decrees.js'
import { DECREE_NUMBER } from '../services/decree_number.js'

const PAGE = 30

/** Drafts first (newest), then the register by number, newest first; by pages after a decree id. */
export async function agentDecreesPage(after: unknown) {
  const drafts = await Decree.query().whereNull('registered_at').orderBy('id', 'desc').limit(100)
  const query = Decree.query().whereNotNull('registered_at')
  if (typeof after === 'string' && DECREE_NUMBER.test(after)) query.where('number', '<', after)
  const rows = await query.orderBy('number', 'desc').limit(PAGE + 1)
  const registered = rows.slice(0, PAGE)
  const next = rows.length > PAGE ? registered[registered.length - 1].number : null
  return {
    drafts,
    registered,
    nextUrl: next ? `/agents/police-municipale/arretes?apres=${next}` : null,
  }
}

/**
 * The decree a draft abrogates or amends (a registered, published one, never
 * itself) and the resident an individual decree concerns, from what the agent typed.
 */
export async function draftRelations(
  input: DecreeInput,
  selfId: number | null
): Promise<
  | { targetId: number | null; residentId: number | null }
  | { field: string; problem: 'unknown_target' | 'unknown_resident' | 'resident_required' }
> {
  let targetId: number | null = null
  if (input.targetNumber) {
    const target = await Decree.query()
      .where('number', input.targetNumber)
      .whereNotNull('published_at')
      .first()
    if (!target || target.id === selfId) return { field: 'targetNumber', problem: 'unknown_target' }
    targetId = target.id
  }
  let residentId: number | null = null
  if (input.kind === 'individuel') {
    if (!input.residentEmail) return { field: 'residentEmail', problem: 'resident_required' }
    const resident = await User.findBy('email', input.residentEmail.toLowerCase())
    if (!resident) return { field: 'residentEmail', problem: 'unknown_resident' }
    residentId = resident.id
  }
  return { targetId, residentId }
}
