import { DateTime } from 'luxon'
import type Agent from '#accounts/models/agent'
import Alert, { type AlertKind } from '../models/alert.js'

export class AlertRefusedError extends Error {
  constructor(
    readonly field: 'startsOn' | 'endsOn',
    readonly key: string
  ) {
    super(key)
  }
}

/** The longest alert one form opens; a longer episode is opened again. */
export const MAX_ALERT_DAYS = 31

/** An agent opens an alert the prefect triggered: from then on, each of its days has its call lists. */
export default class OpenAlert {
  async handle(agent: Agent, input: { kind: AlertKind; startsOn: string; endsOn: string }) {
    const first = DateTime.fromISO(input.startsOn)
    const last = DateTime.fromISO(input.endsOn)
    if (!first.isValid) throw new AlertRefusedError('startsOn', 'social.alerts.errors.no_such_day')
    if (!last.isValid) throw new AlertRefusedError('endsOn', 'social.alerts.errors.no_such_day')
    if (input.endsOn < input.startsOn)
      throw new AlertRefusedError('endsOn', 'social.alerts.errors.before_first')
    if (last.diff(first, 'days').days >= MAX_ALERT_DAYS)
      throw new AlertRefusedError('endsOn', 'social.alerts.errors.too_long')
    return Alert.create({ ...input, agentId: agent.id })
  }
}
