import type { PersonalDataDeclaration } from '#core/modules/personal_data'

/**
 * The resident's mobile number and SMS notices go with the account; the
 * SMS log (the city's bill, recipients already masked) is detached and kept
 * for its own period; the mails sent to the resident's address go too: the
 * log names people only by address.
 */
export const notificationsPersonalData: PersonalDataDeclaration[] = [
  {
    key: 'sms',
    label: 'notifications.personal_data.sms',
    tables: ['sms_mobiles', 'sms_notices', 'sms_log'],
    async export({ userId, client }) {
      const mobiles = await client
        .from('sms_mobiles')
        .where('user_id', userId)
        .select('number', 'verified_at')
      const notices = await client
        .from('sms_notices')
        .where('user_id', userId)
        .orderBy('id')
        .select('kind', 'body', 'status', 'due_at', 'created_at')
      return {
        rows: [
          ...mobiles.map((mobile) => ({
            mobile: mobile.number,
            verifiedAt: mobile.verified_at,
          })),
          ...notices.map((notice) => ({
            sms: notice.kind,
            text: notice.body,
            status: notice.status,
            dueAt: notice.due_at,
            at: notice.created_at,
          })),
        ],
      }
    },
    async erase({ userId, client }) {
      await client.from('sms_notices').where('user_id', userId).delete()
      await client.from('sms_mobiles').where('user_id', userId).delete()
      await client.from('sms_log').where('user_id', userId).update({ user_id: null })
    },
  },
  {
    key: 'mails',
    label: 'notifications.personal_data.mails',
    tables: ['mail_log', 'mail_log_attachments'],
    async export({ email, client }) {
      const rows = await client
        .from('mail_log')
        .where('recipients', email)
        .orderBy('id')
        .select('subject', 'text', 'created_at')
      return {
        rows: rows.map((row) => ({ subject: row.subject, text: row.text, at: row.created_at })),
      }
    },
    async erase({ email, client }) {
      const ids = (await client.from('mail_log').where('recipients', email).select('id')).map(
        (row) => row.id
      )
      if (ids.length === 0) return
      await client.from('mail_log_attachments').whereIn('mail_log_id', ids).delete()
      await client.from('mail_log').whereIn('id', ids).delete()
    },
  },
]
