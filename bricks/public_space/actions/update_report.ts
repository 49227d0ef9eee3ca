import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { enqueue } from '#jobs/enqueue'
import Report, { type ReportStatus } from '../models/report.js'
import ReportUpdate from '../models/report_update.js'
import Photo from '../models/photo.js'

export interface ReportChange {
  status: ReportStatus
  team: string | null
  plannedOn: string | null
  publicNote: string | null
  internalNote: string | null
  /** the photos the agent accepts for the public pages (the others are hidden) */
  acceptedPhotoIds: number[]
}

export class PublicNoteRequiredError extends Error {}

/**
 * An agent's change to a report: status, team, planned date, a public update
 * (mailed to the followers) and/or an internal note (never shown outside),
 * which photos the public may see. "Résolu" needs a public update: it is what
 * the reporter reads with the question "Le problème est-il réglé ?".
 */
export default class UpdateReport {
  async handle(report: Report, change: ReportChange, agentId: number) {
    if (change.status === 'resolved' && report.status !== 'resolved' && !change.publicNote)
      throw new PublicNoteRequiredError()
    return db.transaction(async (trx) => {
      const resolvedNow = change.status === 'resolved' && report.status !== 'resolved'
      const statusChanged = change.status !== report.status
      report.useTransaction(trx)
      report.merge({
        status: change.status,
        team: change.team,
        plannedOn: change.plannedOn,
        resolvedAt:
          change.status === 'resolved' ? (resolvedNow ? clock.now() : report.resolvedAt) : null,
      })
      await report.save()
      await Photo.query({ client: trx }).where('reportId', report.id).update({ accepted: false })
      if (change.acceptedPhotoIds.length)
        await Photo.query({ client: trx })
          .where('reportId', report.id)
          .whereIn('id', change.acceptedPhotoIds)
          .update({ accepted: true })
      if (change.internalNote)
        await ReportUpdate.create(
          {
            reportId: report.id,
            kind: 'internal',
            status: null,
            body: change.internalNote,
            agentId,
          },
          { client: trx }
        )
      if (change.publicNote) {
        const update = await ReportUpdate.create(
          {
            reportId: report.id,
            kind: 'public',
            status: statusChanged ? change.status : null,
            body: change.publicNote,
            agentId,
          },
          { client: trx }
        )
        await enqueue(
          'public_space_mail',
          { kind: resolvedNow ? 'resolved' : 'update', reportId: report.id, updateId: update.id },
          { trx }
        )
      }
      return report
    })
  }
}
