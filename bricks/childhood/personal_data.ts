import type { PersonalDataDeclaration } from '#core/modules/personal_data'

/**
 * What the childhood brick keeps about a family: the children's school
 * records, canteen registrations, quotients (with their documents) and
 * declared absences. None of it outlives the account: the invoices it
 * issued live in payments, which keeps them.
 */
export const childhoodPersonalData: PersonalDataDeclaration[] = [
  {
    key: 'family',
    label: 'childhood.personal_data.family',
    tables: [
      'childhood_children',
      'childhood_canteen_registrations',
      'childhood_quotients',
      'childhood_absences',
    ],
    async export({ userId, client }) {
      const children = await client
        .from('childhood_children')
        .join('household_members', 'household_members.id', 'childhood_children.household_member_id')
        .leftJoin('childhood_schools', 'childhood_schools.id', 'childhood_children.school_id')
        .where('household_members.user_id', userId)
        .select(
          'household_members.first_name',
          'childhood_schools.name as school',
          'childhood_children.class_name',
          'childhood_children.verified_at'
        )
      const canteen = await client
        .from('childhood_canteen_registrations')
        .where('user_id', userId)
        .orderBy('id')
      const quotients = await client.from('childhood_quotients').where('user_id', userId)
      const absences = await client.from('childhood_absences').where('user_id', userId)
      return {
        rows: [
          ...children.map((child) => ({
            child: child.first_name,
            school: child.school,
            className: child.class_name,
            verifiedAt: child.verified_at,
          })),
          ...canteen.map((row) => ({
            canteenSchoolYear: row.school_year,
            days: row.days,
            status: row.status,
            at: row.created_at,
          })),
          ...quotients.map((row) => ({
            quotient: row.value,
            status: row.status,
            document: row.document_name,
            at: row.created_at,
          })),
          ...absences.map((row) => ({
            absenceFrom: row.starts_on,
            absenceTo: row.ends_on,
            reason: row.reason,
          })),
        ],
        files: quotients
          .filter((row) => row.document_key)
          .map((row) => ({
            path: `quotient-${row.id}-${String(row.document_name ?? 'document').replace(/[^\p{L}\p{N}._-]+/gu, '_')}`,
            storageKey: row.document_key,
          })),
      }
    },
    async erase({ userId, client }) {
      const documents = await client
        .from('childhood_quotients')
        .where('user_id', userId)
        .whereNotNull('document_key')
        .select('document_key')
      await client.from('childhood_absences').where('user_id', userId).delete()
      await client.from('childhood_canteen_registrations').where('user_id', userId).delete()
      await client.from('childhood_quotients').where('user_id', userId).delete()
      await client
        .from('childhood_children')
        .whereIn(
          'household_member_id',
          client.from('household_members').where('user_id', userId).select('id')
        )
        .delete()
      return documents.map((row) => row.document_key)
    },
  },
]
