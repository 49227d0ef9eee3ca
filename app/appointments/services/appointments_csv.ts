import type Appointment from '#appointments/models/appointment'
import {
  appointmentReference,
  appointmentsBatch,
  filterQuery,
  type AppointmentFilters,
} from '#appointments/queries/agent_appointments'
import { ZONE } from '#appointments/services/slots'
import { keysetBatches } from '#core/services/csv_download'

const HEADER = [
  'Référence',
  'Date',
  'Heure',
  'Lieu',
  'Guichet',
  'Type',
  'Personnes',
  'Nom',
  'Prénom',
  'E-mail',
  'Téléphone',
  'Statut',
]

/** A CSV line of the export: one appointment, in Paris time. */
function cells(appointment: Appointment) {
  const local = appointment.startsAt.setZone(ZONE)
  return [
    appointmentReference(appointment),
    local.toFormat('dd/MM/yyyy'),
    local.toFormat('HH:mm'),
    appointment.meetingPoint.name,
    appointment.desk,
    appointment.meetingType.label,
    appointment.persons,
    appointment.lastName,
    appointment.firstName,
    appointment.email,
    appointment.phone,
    appointment.status,
  ]
}

/** The filter as the audit log shows it: day, period, point and search. */
export function appointmentsFilterText(filters: AppointmentFilters) {
  return new URLSearchParams(
    Object.entries(filterQuery(filters)).filter(([, value]) => value !== undefined) as [
      string,
      string,
    ][]
  ).toString()
}

/**
 * The agents' list of appointments as a CSV download (see sendCsv): the
 * same filter as the page, every matching row, read by key batch after batch.
 */
export function appointmentsCsv(serviceSlugs: string[], filters: AppointmentFilters) {
  return {
    name: 'rendez-vous',
    header: HEADER,
    batches: keysetBatches((afterId, size) =>
      appointmentsBatch(serviceSlugs, filters, afterId, size)
    ),
    toCells: cells,
  }
}
