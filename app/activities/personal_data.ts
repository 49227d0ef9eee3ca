import type { PersonalDataDeclaration } from '#core/modules/personal_data'

/**
 * Registrations to activities (every brick's: the `owner` says whose). They
 * go with the account; what a brick adds to a registration (a senior's
 * details) goes with it.
 */
export const activitiesPersonalData: PersonalDataDeclaration[] = [
  {
    key: 'registrations',
    label: 'activities.personal_data.registrations',
    tables: ['activity_registrations'],
    async export({ userId, client }) {
      const rows = await client
        .from('activity_registrations')
        .join('activity_sessions', 'activity_sessions.id', 'activity_registrations.session_id')
        .join('activities', 'activities.id', 'activity_sessions.activity_id')
        .leftJoin(
          'household_members',
          'household_members.id',
          'activity_registrations.household_member_id'
        )
        .where('activity_registrations.user_id', userId)
        .orderBy('activity_registrations.id')
        .select(
          'activity_registrations.*',
          'activities.name as activity',
          'activity_sessions.label as session',
          'household_members.first_name as participant'
        )
      return {
        rows: rows.map((row) => ({
          owner: row.owner,
          activity: row.activity,
          session: row.session,
          participant: row.participant,
          status: row.status,
          seats: row.seats,
          at: row.created_at,
          acceptedAt: row.accepted_at,
        })),
      }
    },
    async erase({ userId, client }) {
      await client.from('activity_registrations').where('user_id', userId).delete()
    },
  },
]
