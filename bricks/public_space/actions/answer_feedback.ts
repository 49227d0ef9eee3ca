import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import type Report from '../models/report.js'
import ReportUpdate from '../models/report_update.js'
import Photo from '../models/photo.js'
import { deletePhotos, storePhotos, type ReadyPhoto } from '../services/photos.js'

/**
 * The reporter's (or a follower's) answer to "Le problème est-il réglé ?".
 * "Non" reopens the report in the service's queue with their comment and
 * photo, and counts as a reopening in the statistics; "Oui" is kept as a
 * note. Only a resolved report can be answered.
 */
export default class AnswerFeedback {
  async handle(report: Report, answer: { fixed: boolean; comment: string; photos: ReadyPhoto[] }) {
    if (report.status !== 'resolved') return false
    const stored = await storePhotos(
      `public_space/${clock.local().toFormat('yyyy-MM')}`,
      answer.photos
    )
    try {
      await db.transaction(async (trx) => {
        report.useTransaction(trx)
        if (!answer.fixed) {
          report.merge({
            status: 'acknowledged',
            resolvedAt: null,
            reopenCount: report.reopenCount + 1,
          })
          await report.save()
        }
        await ReportUpdate.create(
          {
            reportId: report.id,
            kind: answer.fixed ? 'fixed' : 'reopened',
            status: answer.fixed ? null : 'acknowledged',
            body: answer.comment,
            agentId: null,
          },
          { client: trx }
        )
        for (const photo of stored)
          await Photo.create({ reportId: report.id, ...photo, origin: 'reopen' }, { client: trx })
      })
    } catch (error) {
      await deletePhotos(stored.map((photo) => photo.storageKey))
      throw error
    }
    return true
  }
}
