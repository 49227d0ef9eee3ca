import type { PersonalDataDeclaration } from '#core/modules/personal_data'
import { dbTimestamp } from '#core/database/dialect'

/**
 * Appointments and waiting-list entries: nothing obliges the city to keep
 * them once the resident leaves, so they go with the account (a future
 * appointment frees its slot, its time units going with it, and is
 * withdrawn from wherever its brick declared it).
 */
export const appointmentsPersonalData: PersonalDataDeclaration[] = [
  {
    key: 'appointments',
    label: 'appointments.personal_data.appointments',
    tables: ['appointments'],
    async export({ userId, client }) {
      const rows = await client
        .from('appointments as a')
        .join('meeting_types as t', 't.id', 'a.meeting_type_id')
        .join('meeting_points as p', 'p.id', 'a.meeting_point_id')
        .where('a.user_id', userId)
        .orderBy('a.starts_at')
        .select('a.*', 't.key as meeting_type', 'p.name as place')
      return {
        rows: rows.map((row) => ({
          meetingType: row.meeting_type,
          place: row.place,
          startsAt: row.starts_at,
          endsAt: row.ends_at,
          status: row.status,
          persons: row.persons,
          firstName: row.first_name,
          lastName: row.last_name,
          email: row.email,
          phone: row.phone,
          details: row.details,
          bookedAt: row.created_at,
          cancelledAt: row.cancelled_at,
        })),
      }
    },
    async erase({ userId, client, now }) {
      // A booked appointment still to come is cancelled first, so that the
      // brick that declared it elsewhere (ANTS) withdraws it, in this transaction.
      const { default: Appointment } = await import('#appointments/models/appointment')
      const { default: MeetingType } = await import('#appointments/models/meeting_type')
      const { hooksFor } = await import('#appointments/services/hooks')
      const coming = await Appointment.query({ client })
        .where('userId', userId)
        .where('status', 'booked')
        .where('startsAt', '>', dbTimestamp(now, client))
      for (const appointment of coming) {
        const type = await MeetingType.find(appointment.meetingTypeId, { client })
        if (type) await (await hooksFor(type.key)).cancelled?.(client, appointment)
      }
      await client.from('appointments').where('user_id', userId).delete()
    },
  },
  {
    key: 'waiting_list',
    label: 'appointments.personal_data.waiting_list',
    tables: ['waiting_list_entries'],
    async export({ userId, client }) {
      const rows = await client
        .from('waiting_list_entries')
        .where('user_id', userId)
        .orderBy('id')
        .select('meeting_type_id', 'persons', 'email', 'first_name', 'status', 'created_at')
      return {
        rows: rows.map((row) => ({
          meetingTypeId: row.meeting_type_id,
          persons: row.persons,
          email: row.email,
          firstName: row.first_name,
          status: row.status,
          at: row.created_at,
        })),
      }
    },
    async erase({ userId, client }) {
      await client.from('waiting_list_entries').where('user_id', userId).delete()
    },
  },
]
