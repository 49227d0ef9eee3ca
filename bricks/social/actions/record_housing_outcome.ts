import type Agent from '#accounts/models/agent'
import type Appointment from '#appointments/models/appointment'
import { clock } from '#core/clock'
import type { HousingOutcome } from '../services/housing.js'

/** The adviser records what came of the appointment (filed, renewed, redirected), counted in the statistics. */
export default class RecordHousingOutcome {
  async handle(agent: Agent, appointment: Appointment, outcome: HousingOutcome) {
    appointment.details = {
      ...appointment.details,
      outcome,
      outcomeByAgentId: agent.id,
      outcomeAt: clock.now().toISO(),
    }
    await appointment.save()
  }
}
