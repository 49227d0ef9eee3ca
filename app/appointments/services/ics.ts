import { DateTime } from 'luxon'
import { clock } from '#core/clock'
import parvisConfig from '#config/parvis'
import type Appointment from '#appointments/models/appointment'

/** Escapes a text value for iCalendar (RFC 5545 §3.3.11). */
function text(value: string) {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n')
}

/** Folds a content line at 75 octets, continuation lines starting with a space (§3.1). */
function fold(line: string) {
  const bytes = Buffer.from(line, 'utf8')
  if (bytes.length <= 75) return line
  const parts: string[] = []
  let current = ''
  for (const char of line) {
    const limit = parts.length === 0 ? 75 : 74
    if (Buffer.byteLength(current + char, 'utf8') > limit) {
      parts.push(current)
      current = ''
    }
    current += char
  }
  parts.push(current)
  return parts.join('\r\n ')
}

function stamp(value: DateTime) {
  return value.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")
}

export interface CalendarEvent {
  uid: string
  sequence: number
  start: DateTime
  end: DateTime
  summary: string
  location: string
  description: string
  url?: string
  cancelled?: boolean
}

/**
 * An iCalendar file with one event, times in UTC, for the confirmation mail
 * (METHOD:PUBLISH) or the cancellation (METHOD:CANCEL, same UID, higher
 * SEQUENCE), so that calendars update the event instead of adding another.
 */
export function calendarFile(event: CalendarEvent, now: DateTime = clock.now()) {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Parvis//Rendez-vous//FR',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.cancelled ? 'CANCEL' : 'PUBLISH'}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${stamp(now)}`,
    `DTSTART:${stamp(event.start)}`,
    `DTEND:${stamp(event.end)}`,
    `SUMMARY:${text(event.summary)}`,
    `LOCATION:${text(event.location)}`,
    `DESCRIPTION:${text(event.description)}`,
    ...(event.url ? [`URL:${event.url}`] : []),
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return lines.map(fold).join('\r\n') + '\r\n'
}

/**
 * The calendar file of an appointment, the same in the confirmation mail and
 * behind "Ajouter à mon agenda": one UID per appointment, a SEQUENCE that
 * grows with each change, so a calendar updates the event it already has.
 * `appointment` comes with its meetingPoint and meetingType loaded.
 */
export function appointmentCalendarFile(
  appointment: Appointment,
  link: string,
  options: { cancelled?: boolean; now?: DateTime } = {}
) {
  const point = appointment.meetingPoint
  const cancelled = Boolean(options.cancelled)
  return calendarFile(
    {
      uid: `appointment-${appointment.id}@${new URL(parvisConfig.appUrl).hostname}`,
      sequence: Math.floor(appointment.updatedAt.toSeconds()),
      start: appointment.startsAt,
      end: appointment.endsAt,
      summary: `${appointment.meetingType.label} — ${parvisConfig.city.name}`,
      location: `${point.name}, ${point.fullAddress}`,
      description: cancelled
        ? 'Rendez-vous annulé.'
        : `Rendez-vous : ${appointment.meetingType.label}. Modifier ou annuler : ${link}`,
      url: cancelled ? undefined : link,
      cancelled,
    },
    options.now
  )
}
