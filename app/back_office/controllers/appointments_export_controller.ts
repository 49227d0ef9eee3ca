import type { HttpContext } from '@adonisjs/core/http'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { appointmentFilters } from '#appointments/queries/agent_appointments'
import { appointmentsCsv, appointmentsFilterText } from '#appointments/services/appointments_csv'
import { auditExport } from '#demands/actions/audited_export'
import { sendCsv } from '#core/services/csv_download'

/**
 * /agents/rendez-vous/export: the appointments list of /agents/rendez-vous
 * (the agent's services, the same filter) as CSV, audited. It lives here
 * because the audit log belongs to demands, a sibling layer appointments may
 * not import.
 */
export default class AppointmentsExportController {
  async index(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const filters = appointmentFilters(ctx.request.qs())
    const csv = appointmentsCsv(await agentServiceSlugs(agent), filters)
    const onDone = await auditExport(agent, 'rendez-vous', appointmentsFilterText(filters))
    return sendCsv(ctx, { ...csv, onDone })
  }
}
