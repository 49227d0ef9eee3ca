import type Agent from '#accounts/models/agent'
import { clock } from '#core/clock'
import Alert from '../models/alert.js'
import AlertCall, { type CallOutcome } from '../models/alert_call.js'
import RegisterEntry from '../models/register_entry.js'

export class CallRefusedError extends Error {}

/**
 * An agent logs a call to a registered person on the day's list: reached,
 * not reached, or needs a visit. Calls are logged only on a day of the
 * alert; the visit list follows from them (see queries/call_lists).
 */
export default class LogCall {
  async handle(
    agent: Agent,
    alert: Alert,
    input: { entry: number; outcome: CallOutcome; note?: string }
  ) {
    const today = clock.today()
    if (!alert.covers(today)) throw new CallRefusedError('social.alerts.errors.not_today')
    const entry = await RegisterEntry.find(input.entry)
    if (!entry) throw new CallRefusedError('social.alerts.errors.unknown_person')
    return AlertCall.create({
      alertId: alert.id,
      entryId: entry.id,
      day: today,
      outcome: input.outcome,
      note: input.note ?? null,
      agentId: agent.id,
    })
  }
}
