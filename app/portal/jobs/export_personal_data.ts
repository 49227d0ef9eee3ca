import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { defineJob } from '#jobs/registry'
import User from '#accounts/models/user'
import { queueMail } from '#notifications/queue_mail'
import PersonalDataExport, { EXPORT_VALID_HOURS } from '#portal/models/personal_data_export'
import { buildArchive } from '#portal/services/personal_data'
import parvisConfig from '#config/parvis'

/**
 * Builds a resident's archive, stores it on the private disk under its
 * random token and mails the resident that it waits for them, valid
 * EXPORT_VALID_HOURS from now. Safe to run again: a ready archive is left
 * as it is, a half-written one is written again.
 */
export default defineJob<{ exportId: number }>({
  queue: 'batch',
  maxAttempts: 5,
  async handle({ exportId }, { now }) {
    const request = await PersonalDataExport.find(exportId)
    if (!request || request.status !== 'pending') return
    const user = await User.find(request.userId)
    if (!user) return
    const locale = i18nManager.supportedLocales().includes(user.locale) ? user.locale : 'fr'
    const archive = await buildArchive(user, now, i18nManager.locale(locale))
    const storageKey = `personal-data/${request.token}.zip`
    await drive.use().put(storageKey, archive)
    await db.transaction(async (trx) => {
      request.useTransaction(trx)
      request.merge({
        status: 'ready',
        storageKey,
        size: archive.length,
        readyAt: now,
        expiresAt: now.plus({ hours: EXPORT_VALID_HOURS }),
      })
      await request.save()
      await queueMail(
        {
          to: user.email,
          locale,
          subject: 'portal.my_data.mail.subject',
          view: 'portal::emails/data_export_ready',
          data: {
            link: `${parvisConfig.appUrl}/mon-espace/donnees`,
            hours: EXPORT_VALID_HOURS,
          },
        },
        trx
      )
    })
  },
})
