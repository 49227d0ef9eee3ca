import type { PersonalDataDeclaration } from '#core/modules/personal_data'

/**
 * The mandates a resident gave mediators (with the signed forms scanned at
 * the counter) and what mediators did for them under those mandates. A
 * mandate is the resident's consent and means nothing once the account is
 * gone: both go with it, the scans too. The audit log keeps its own lines
 * of the mediators' actions, as it does of every agent's.
 */
export const mediationPersonalData: PersonalDataDeclaration[] = [
  {
    key: 'mandates',
    label: 'mediation.personal_data.mandates',
    tables: ['mediation_mandates'],
    async export({ userId, client }) {
      const rows = await client
        .from('mediation_mandates as m')
        .leftJoin('agents as a', 'a.id', 'm.agent_id')
        .where('m.user_id', userId)
        .orderBy('m.id')
        .select('m.*', 'a.first_name as agent_first_name', 'a.last_name as agent_last_name')
      return {
        rows: rows.map((row) => ({
          mediator: [row.agent_first_name, row.agent_last_name].filter(Boolean).join(' '),
          scope: typeof row.scope === 'string' ? JSON.parse(row.scope) : row.scope,
          channel: row.channel,
          startsAt: row.starts_at,
          endsAt: row.ends_at,
          revokedAt: row.revoked_at,
          revokedBy: row.revoked_by,
          signedForm: row.scan_key ? `mandates/${row.id}-${row.scan_name}` : null,
          grantedAt: row.created_at,
        })),
        files: rows
          .filter((row) => row.scan_key)
          .map((row) => ({
            path: `mandates/${row.id}-${row.scan_name}`,
            storageKey: row.scan_key,
          })),
      }
    },
    async erase({ userId, client }) {
      const scans = await client
        .from('mediation_mandates')
        .where('user_id', userId)
        .whereNotNull('scan_key')
        .select('scan_key')
      await client.from('mediation_actions').where('user_id', userId).delete()
      await client.from('mediation_mandates').where('user_id', userId).delete()
      return scans.map((row) => row.scan_key as string)
    },
  },
  {
    key: 'actions',
    label: 'mediation.personal_data.actions',
    tables: ['mediation_actions'],
    async export({ userId, client }) {
      const rows = await client
        .from('mediation_actions')
        .where('user_id', userId)
        .orderBy('id')
        .select('agent_name', 'module', 'method', 'path', 'created_at')
      return {
        rows: rows.map((row) => ({
          mediator: row.agent_name,
          module: row.module,
          method: row.method,
          page: row.path,
          at: row.created_at,
        })),
      }
    },
    // Erased with the mandates they were done under (above).
    async erase() {},
  },
]
