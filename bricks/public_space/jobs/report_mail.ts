import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { defineJob } from '#jobs/registry'
import { enqueue } from '#jobs/enqueue'
import { lockForUpdate } from '#core/database/dialect'
import { queueMail } from '#notifications/queue_mail'
import { readSettings } from '#core/services/settings'
import Report from '../models/report.js'
import ReportUpdate from '../models/report_update.js'
import Follower from '../models/follower.js'
import { publicSpaceSettings } from '../settings.js'
import { confirmLink, feedbackLink, publicLink } from '../services/links.js'

/** At most one update mail per report in this many minutes; what happens meanwhile is grouped. */
export const GROUPING_MINUTES = 10

export type ReportMail =
  | { kind: 'confirm' | 'filed'; reportId: number }
  | { kind: 'update' | 'resolved'; reportId: number; updateId: number }

/**
 * The mails of a report: to an anonymous reporter the link that confirms it,
 * to a reporter from an account its reference, and to every follower its
 * public updates, grouped (see mailUpdates); when it is resolved, the
 * question "Le problème est-il réglé ?" with a signed link valid for the
 * reopening period.
 */
export const publicSpaceMailJob = defineJob<ReportMail>({
  orderingKey: (payload) => `public_space_report_${payload.reportId}`,
  async handle(payload, { now }) {
    const report = await Report.find(payload.reportId)
    if (!report) return
    const common = {
      reference: report.reference,
      address: report.address,
      link: publicLink(report.id),
    }
    if (payload.kind === 'confirm' || payload.kind === 'filed') {
      if (!report.contactEmail) return
      await queueMail({
        to: report.contactEmail,
        subject: `public_space.mail.${payload.kind}_subject`,
        subjectData: { reference: report.reference },
        view: `public_space::emails/${payload.kind}`,
        data: { ...common, confirm: payload.kind === 'confirm' ? confirmLink(report.id) : null },
        orderingKey: `public_space_report_${report.id}`,
      })
      return
    }
    await mailUpdates(report.id, now)
  },
})

/**
 * The public updates the followers have not been mailed yet, in one mail to
 * each (as demands' notifications are grouped): the first leaves at once;
 * within ten minutes of the last mail, the job puts itself back for the end
 * of the window, and that later run carries every update piled up
 * meanwhile. A resolution among them brings the question "Le problème
 * est-il réglé ?" while the report is still resolved. What was mailed is
 * marked in the transaction that queues the mails, so nothing leaves twice.
 */
async function mailUpdates(reportId: number, now: DateTime) {
  // Read before the transaction: SQLite has one connection, which the transaction holds.
  const { reopenDays } = await readSettings('public_space', publicSpaceSettings)
  await db.transaction(async (trx) => {
    const report = await lockForUpdate(
      Report.query({ client: trx }).where('id', reportId),
      trx
    ).first()
    if (!report) return
    const pending = await ReportUpdate.query({ client: trx })
      .where('reportId', report.id)
      .where('kind', 'public')
      .where('id', '>', report.mailedUpdateId ?? 0)
      .orderBy('id')
    if (pending.length === 0) return
    const windowEnds = report.updatesMailedAt?.plus({ minutes: GROUPING_MINUTES })
    if (windowEnds && windowEnds > now) {
      await enqueue(
        'public_space_mail',
        { kind: 'update', reportId: report.id, updateId: pending[pending.length - 1].id },
        {
          client: trx,
          runAt: windowEnds,
          idempotencyKey: `public_space_mail:${report.id}:w${windowEnds.toMillis()}`,
        }
      )
      return
    }
    const resolved =
      report.status === 'resolved' && pending.some((update) => update.status === 'resolved')
    const kind = resolved ? 'resolved' : pending.length > 1 ? 'updates' : 'update'
    const followers = await Follower.query({ client: trx })
      .where('reportId', report.id)
      .orderBy('id')
    for (const follower of followers) {
      await queueMail(
        {
          to: follower.email,
          subject: `public_space.mail.${kind}_subject`,
          subjectData: { reference: report.reference, count: pending.length },
          view: `public_space::emails/${resolved ? 'resolved' : 'update'}`,
          data: {
            reference: report.reference,
            address: report.address,
            link: publicLink(report.id),
            bodies: pending.map((update) => update.body),
            feedback: resolved ? feedbackLink(report.id, reopenDays) : null,
            days: reopenDays,
          },
          orderingKey: `public_space_report_${report.id}`,
        },
        trx
      )
    }
    report.useTransaction(trx)
    report.mailedUpdateId = pending[pending.length - 1].id
    report.updatesMailedAt = now
    await report.save()
  })
}

export default publicSpaceMailJob
