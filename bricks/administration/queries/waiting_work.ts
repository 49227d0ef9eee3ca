import type { AgentDashboardSource } from '#accounts/agent_dashboard'
import Appointment from '#appointments/models/appointment'
import MeetingType from '#appointments/models/meeting_type'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import { PICKUP_TYPE, TITLE_TYPE } from '../appointments.js'

const SERVICE = 'etat_civil'

/** On /agents, for the état-civil desks: today's appointments (ID cards, passports, pick-ups), with the day's agenda. */
const appointmentsToday: AgentDashboardSource = async ({ serviceSlugs, t }) => {
  if (!serviceSlugs.includes(SERVICE)) return []
  const today = clock.local().startOf('day')
  const [row] = await Appointment.query()
    .where('status', 'booked')
    .whereIn(
      'meetingTypeId',
      MeetingType.query().select('id').whereIn('key', [TITLE_TYPE, PICKUP_TYPE])
    )
    .where('startsAt', '>=', dbTimestamp(today.toUTC()))
    .where('startsAt', '<', dbTimestamp(today.plus({ days: 1 }).toUTC()))
    .count('* as total')
    .pojo<{ total: number | string }>()
  const count = Number(row?.total ?? 0)
  return [
    { label: t('administration.dashboard.today', { count }), count, href: '/agents/formalites' },
  ]
}

export default appointmentsToday
