import { BasePolicy } from '@adonisjs/bouncer'
import type Agent from '#accounts/models/agent'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import MeetingPoint from '#appointments/models/meeting_point'
import type Appointment from '#appointments/models/appointment'

/** Agents see, move and export the appointments of their own services' meeting points only. */
export default class AppointmentPolicy extends BasePolicy {
  async manage(agent: Agent, appointment: Appointment) {
    const point = await MeetingPoint.find(appointment.meetingPointId)
    return Boolean(point && (await agentServiceSlugs(agent)).includes(point.serviceSlug))
  }
}
