import type { PersonalDataDeclaration } from '#core/modules/personal_data'

/** The archives a resident asked for: they go with the account, files included. */
export const portalPersonalData: PersonalDataDeclaration[] = [
  {
    key: 'archives',
    label: 'portal.my_data.kinds.archives',
    tables: ['personal_data_exports'],
    async export({ userId, client }) {
      const rows = await client
        .from('personal_data_exports')
        .where('user_id', userId)
        .orderBy('id')
        .select('status', 'created_at', 'ready_at', 'expires_at')
      return {
        rows: rows.map((row) => ({
          status: row.status,
          askedAt: row.created_at,
          readyAt: row.ready_at,
          expiresAt: row.expires_at,
        })),
      }
    },
    async erase({ userId, client }) {
      const stored = await client
        .from('personal_data_exports')
        .where('user_id', userId)
        .whereNotNull('storage_key')
        .select('storage_key')
      await client.from('personal_data_exports').where('user_id', userId).delete()
      return stored.map((row) => row.storage_key)
    },
  },
]
