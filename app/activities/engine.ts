import registerParticipant from './actions/register_participant.js'
import endRegistration from './actions/end_registration.js'
import fillFreedPlaces from './actions/fill_freed_places.js'
import recordAttendance from './actions/record_attendance.js'
import { waitingPosition } from './queries/waiting_position.js'

/**
 * The activities engine's use cases, as one object that every module calls
 * (`activitiesEngine.register(…)`): one place where registrations of every
 * brick go through, which a test can observe.
 */
export const activitiesEngine = {
  register: registerParticipant,
  end: endRegistration,
  fillFreedPlaces,
  recordAttendance,
  waitingPosition,
}
