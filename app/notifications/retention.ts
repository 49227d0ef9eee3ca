import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#core/database/dialect'
import { purgeExpiredRows } from '#core/database/purge'
import { RETENTION_BATCH, type RetentionDeclaration } from '#core/modules/retention'

/**
 * The mail log. Until a mail is delivered its body lives in its send_mail
 * job (see the jobs module's retention); once sent, the log keeps the body
 * and the attachments (stored transport only) for a short time, to answer
 * "I never got the link", then only who, which subject and when, for longer.
 */
export const notificationsRetention: RetentionDeclaration[] = [
  {
    key: 'mail_bodies',
    label: 'notifications.retention.mail_bodies',
    start: 'notifications.retention.mail_bodies_start',
    unit: 'days',
    default: 30,
    max: 3650,
    purge: async (limit) => {
      let total = 0
      for (;;) {
        const emptied = await db.transaction(async (trx) => {
          const rows = await trx
            .from('mail_log')
            .where('created_at', '<', dbTimestamp(limit, trx))
            .where((bodies) =>
              bodies
                .whereNotNull('html')
                .orWhereNotNull('text')
                .orWhereExists((files) =>
                  files.from('mail_log_attachments').whereColumn('mail_log_id', 'mail_log.id')
                )
            )
            .select('id')
            .orderBy('id')
            .limit(RETENTION_BATCH)
          const ids = rows.map((row) => row.id)
          if (ids.length === 0) return 0
          await trx.from('mail_log_attachments').whereIn('mail_log_id', ids).delete()
          await trx.from('mail_log').whereIn('id', ids).update({ html: null, text: null })
          return ids.length
        })
        if (emptied === 0) return total
        total += emptied
      }
    },
  },
  {
    key: 'mail_log',
    label: 'notifications.retention.mail_log',
    start: 'notifications.retention.mail_log_start',
    unit: 'months',
    default: 12,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'mail_log',
        expired: (query, trx) => query.where('created_at', '<', dbTimestamp(limit, trx)),
        beforeDelete: (rows, trx) =>
          trx
            .from('mail_log_attachments')
            .whereIn(
              'mail_log_id',
              rows.map((row) => row.id)
            )
            .delete(),
      }),
  },
  {
    // The texts of SMS (waiting notices once settled, what the simulator received): the log keeps no text.
    key: 'sms_texts',
    label: 'notifications.retention.sms_texts',
    start: 'notifications.retention.sms_texts_start',
    unit: 'days',
    default: 30,
    max: 3650,
    purge: async (limit) =>
      (await purgeExpiredRows({
        table: 'sms_notices',
        expired: (query, trx) =>
          query.whereNot('status', 'pending').where('updated_at', '<', dbTimestamp(limit, trx)),
      })) +
      (await purgeExpiredRows({
        table: 'sms_simulator_messages',
        expired: (query, trx) => query.where('created_at', '<', dbTimestamp(limit, trx)),
      })),
  },
  {
    key: 'sms_log',
    label: 'notifications.retention.sms_log',
    start: 'notifications.retention.sms_log_start',
    unit: 'months',
    default: 13,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'sms_log',
        expired: (query, trx) => query.where('created_at', '<', dbTimestamp(limit, trx)),
      }),
  },
]
