import { DateTime } from 'luxon'
import { REASONS } from './booking.js'

const DAY = /^\d{4}-\d{2}-\d{2}$/

export interface SlotSearch {
  start: string
  end: string
  reason: string
  persons: number
}

/**
 * The ANTS hub's search for free slots (start_date, end_date, reason,
 * documents_number), or the message of its 400 answer, worded as the hub
 * expects (see ../shared/specs/ants.md).
 */
export function parseSlotSearch(
  input: (name: string, fallback: unknown) => unknown
): SlotSearch | { error: string } {
  const start = String(input('start_date', ''))
  const end = String(input('end_date', ''))
  const reason = String(input('reason', 'CNI'))
  const persons = Number(input('documents_number', 1))
  if (!(REASONS as readonly string[]).includes(reason)) return { error: 'Invalid reason param' }
  if (
    !DAY.test(start) ||
    !DAY.test(end) ||
    !DateTime.fromISO(start).isValid ||
    !DateTime.fromISO(end).isValid
  )
    return { error: 'Invalid start_date or end_date' }
  if (start > end) return { error: 'start_date is after end_date' }
  if (!Number.isInteger(persons) || persons < 1 || persons > 10)
    return { error: 'Invalid documents_number param' }
  return { start, end, reason, persons }
}

/** The hub may pack several ids in one value, separated by , ; : - / . or spaces. */
const SEPARATORS = /[\s,;:\-/.]+/
const APPLICATION_ID = /^[A-Z0-9]{10}$/

/** The pre-demand numbers the hub asks about, each once, upper-cased; values that cannot be one are left out. */
export function parseApplicationIds(values: string[]) {
  return [
    ...new Set(
      values
        .flatMap((value) => value.split(SEPARATORS))
        .map((value) => value.trim().toUpperCase())
        .filter((value) => APPLICATION_ID.test(value))
    ),
  ]
}
