import type { PersonalDataDeclaration } from '#core/modules/personal_data'

/**
 * The account itself, its household and its sessions. Erased last (the
 * modules above detach or delete their rows first): nothing keeps an
 * account, so the profile, the household and every session go, and the
 * address can open a new account the next day.
 */
export const accountsPersonalData: PersonalDataDeclaration[] = [
  {
    key: 'profile',
    label: 'accounts.personal_data.profile',
    tables: ['users', 'sessions'],
    async export({ userId, client }) {
      const user = await client.from('users').where('id', userId).first()
      if (!user) return { rows: [] }
      return {
        rows: [
          {
            email: user.email,
            firstName: user.first_name,
            lastName: user.last_name,
            birthDate: user.birth_date,
            phone: user.phone,
            address: {
              line: user.address_line,
              complement: user.address_complement,
              postalCode: user.postal_code,
              city: user.city,
            },
            notifyByEmail: Boolean(user.notify_by_email),
            notifyBySms: Boolean(user.notify_by_sms),
            mailOnStatusChange: Boolean(user.mail_on_status_change),
            mailOnMessage: Boolean(user.mail_on_message),
            locale: user.locale,
            emailVerifiedAt: user.email_verified_at,
            franceConnectLinkedAt: user.franceconnect_linked_at,
            createdAt: user.created_at,
          },
        ],
      }
    },
    async erase({ userId, client }) {
      await client.from('sessions').where('user_id', userId).delete()
      await client.from('users').where('id', userId).delete()
    },
  },
  {
    key: 'household',
    label: 'accounts.personal_data.household',
    tables: ['household_members'],
    async export({ userId, client }) {
      const members = await client.from('household_members').where('user_id', userId).orderBy('id')
      return {
        rows: members.map((member) => ({
          kind: member.kind,
          firstName: member.first_name,
          lastName: member.last_name,
          birthDate: member.birth_date,
          school: member.school,
          schoolClass: member.school_class,
        })),
      }
    },
    async erase({ userId, client }) {
      await client.from('household_members').where('user_id', userId).delete()
    },
  },
]
