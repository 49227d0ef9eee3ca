import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import Report from '../models/report.js'
import ReportUpdate from '../models/report_update.js'
import Photo from '../models/photo.js'
import Follower from '../models/follower.js'

/**
 * A duplicate joins the report kept: its followers (those not already
 * following) and its photos move there, and it leaves the lists, pointing to
 * the one kept.
 */
export default class MergeReports {
  async handle(duplicate: Report, kept: Report, agentId: number) {
    await db.transaction(async (trx) => {
      const already = new Set(
        (await Follower.query({ client: trx }).where('reportId', kept.id)).map((row) => row.email)
      )
      for (const follower of await Follower.query({ client: trx }).where(
        'reportId',
        duplicate.id
      )) {
        if (already.has(follower.email)) await follower.useTransaction(trx).delete()
        else {
          follower.useTransaction(trx)
          follower.reportId = kept.id
          follower.reporter = false
          await follower.save()
        }
      }
      await Photo.query({ client: trx })
        .where('reportId', duplicate.id)
        .update({ reportId: kept.id })
      duplicate.useTransaction(trx)
      duplicate.merge({ mergedIntoId: kept.id, status: kept.status })
      await duplicate.save()
      await ReportUpdate.create(
        {
          reportId: duplicate.id,
          kind: 'internal',
          status: null,
          body: `Fusionné avec ${kept.reference}`,
          agentId,
        },
        { client: trx }
      )
      await Report.query({ client: trx })
        .where('id', kept.id)
        .update({ updatedAt: dbTimestamp(clock.now(), trx) })
    })
  }
}
