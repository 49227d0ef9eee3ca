import { readSetting } from '#core/services/settings'
import {
  AntsUnavailableError,
  normalizeApplicationId,
  type AntsApplicationStatus,
} from '../connectors/ants_client.js'
import { antsClient } from '../connectors/ants.js'
import { administrationSettings } from '../settings.js'

export type NumberProblem =
  | { kind: 'format' }
  | { kind: 'duplicate' }
  | { kind: 'status'; status: 'consumed' | 'expired' | 'unknown' | 'declared' }
  | {
      kind: 'already_booked'
      appointment: { meetingPoint: string; date: string; managementUrl: string }
    }

export type NumbersCheck =
  | { ok: true; ids: string[]; statuses: Record<string, 'validated' | 'unchecked'> }
  | { ok: false; problems: Record<number, NumberProblem> }
  | { ok: false; unavailable: true }

/**
 * Checks the pre-demande numbers typed for each person: format first, then
 * ANTS's anti-duplicate register. A number ANTS validated and that has no
 * appointment anywhere passes; an appointment already declared elsewhere,
 * or a number consumed, expired, unknown or merely declared, is refused with
 * its own reason. ANTS unreachable or slow: refused, unless an admin chose
 * to let bookings through (then each number is flagged "unchecked" for the
 * agent at the desk; setting antsFailOpen).
 */
export async function checkApplicationNumbers(typed: string[]): Promise<NumbersCheck> {
  const problems: Record<number, NumberProblem> = {}
  const ids: string[] = []
  typed.forEach((value, index) => {
    const id = normalizeApplicationId(value ?? '')
    if (!id) problems[index] = { kind: 'format' }
    else if (ids.includes(id)) problems[index] = { kind: 'duplicate' }
    ids.push(id ?? '')
  })
  // Well-typed numbers are still checked, so that every problem shows at once.
  const wellFormed = ids.filter((id, index) => id && !problems[index])
  if (wellFormed.length === 0) return { ok: false, problems }

  let statuses: Record<string, AntsApplicationStatus>
  try {
    statuses = await (await antsClient()).status(wellFormed)
  } catch (error) {
    if (!(error instanceof AntsUnavailableError)) throw error
    if (await readSetting('administration', administrationSettings, 'antsFailOpen'))
      return { ok: true, ids, statuses: Object.fromEntries(ids.map((id) => [id, 'unchecked'])) }
    return { ok: false, unavailable: true }
  }
  ids.forEach((id, index) => {
    if (problems[index]) return
    const answer = statuses[id]
    if (!answer || answer.status !== 'validated') {
      problems[index] = {
        kind: 'status',
        status: (answer?.status as 'consumed' | 'expired' | 'unknown' | 'declared') ?? 'unknown',
      }
    } else if (answer.appointments.length > 0) {
      const first = answer.appointments[0]
      problems[index] = {
        kind: 'already_booked',
        appointment: {
          meetingPoint: first.meeting_point,
          date: first.appointment_date,
          managementUrl: first.management_url,
        },
      }
    }
  })
  if (Object.keys(problems).length) return { ok: false, problems }
  return { ok: true, ids, statuses: Object.fromEntries(ids.map((id) => [id, 'validated'])) }
}
