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
        .from('activity_registrations as r')
        .join('activity_sessions as s', 's.id', 'r.session_id')
        .join('activities as a', 'a.id', 's.activity_id')
        .leftJoin('household_members as m', 'm.id', 'r.household_member_id')
        .where('r.user_id', userId)
        .orderBy('r.id')
        .select('r.*', 'a.name as activity', 's.label as session', 'm.first_name as participant')
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
