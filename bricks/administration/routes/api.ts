import type { Router } from '@adonisjs/core/http'

const AntsApiController = () => import('../controllers/ants_api_controller.js')

/** The editor endpoints the ANTS hub calls (../shared/specs/ants.md, section 1). */
export default function (router: Router) {
  router
    .get('/ants/getManagedMeetingPoints', [AntsApiController, 'meetingPoints'])
    .as('ants.meeting_points')
  router
    .get('/ants/availableTimeSlots', [AntsApiController, 'availableTimeSlots'])
    .as('ants.available_time_slots')
  router
    .get('/ants/searchApplicationIds', [AntsApiController, 'searchApplicationIds'])
    .as('ants.search_application_ids')
}
