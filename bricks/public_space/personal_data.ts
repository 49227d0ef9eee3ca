import type { PersonalDataDeclaration } from '#core/modules/personal_data'

/**
 * Reports are about the street, not the person: deleting the account keeps
 * them for the teams, without the reporter's account, name, address or
 * phone. The resident stops following any report.
 */
export const publicSpacePersonalData: PersonalDataDeclaration[] = [
  {
    key: 'reports',
    label: 'public_space.personal_data.reports',
    tables: ['public_space_reports', 'public_space_followers'],
    async export({ userId, email, client }) {
      const reports = await client
        .from('public_space_reports')
        .where('user_id', userId)
        .orderBy('id')
      const followed = await client
        .from('public_space_followers')
        .join('public_space_reports', 'public_space_reports.id', 'public_space_followers.report_id')
        .where('public_space_followers.email', email)
        .select('public_space_reports.reference', 'public_space_followers.created_at')
      return {
        rows: [
          ...reports.map((report) => ({
            reference: report.reference,
            status: report.status,
            address: report.address,
            description: report.description,
            contactName: report.contact_name,
            contactEmail: report.contact_email,
            contactPhone: report.contact_phone,
            at: report.created_at,
            resolvedAt: report.resolved_at,
          })),
          ...followed.map((row) => ({ follows: row.reference, since: row.created_at })),
        ],
      }
    },
    async kept({ userId, client }) {
      const [{ count }] = await client
        .from('public_space_reports')
        .where('user_id', userId)
        .count('* as count')
      return Number(count) > 0
        ? [
            {
              label: 'public_space.personal_data.kept',
              count: Number(count),
              reason: 'public_space.personal_data.kept_reason',
              until: null,
              untilText: 'public_space.personal_data.kept_until',
            },
          ]
        : []
    },
    async erase({ userId, email, client }) {
      await client.from('public_space_followers').where('email', email).delete()
      await client
        .from('public_space_reports')
        .where('user_id', userId)
        .update({ user_id: null, contact_name: null, contact_email: null, contact_phone: null })
    },
  },
]
