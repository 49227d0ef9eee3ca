import { defineJob } from '#jobs/registry'
import { queueMail } from '#notifications/queue_mail'
import { readSettings } from '#core/services/settings'
import Report from '../models/report.js'
import ReportUpdate from '../models/report_update.js'
import Follower from '../models/follower.js'
import { publicSpaceSettings } from '../settings.js'
import { confirmLink, feedbackLink, publicLink } from '../services/links.js'

export type ReportMail =
  | { kind: 'confirm' | 'filed'; reportId: number }
  | { kind: 'update' | 'resolved'; reportId: number; updateId: number }

/**
 * The mails of a report: to an anonymous reporter the link that confirms it,
 * to a reporter from an account its reference, and to every follower each
 * public update; when it is resolved, the question "Le problème est-il
 * réglé ?" with a signed link valid for the reopening period.
 */
export const publicSpaceMailJob = defineJob<ReportMail>({
  orderingKey: (payload) => `public_space_report_${payload.reportId}`,
  async handle(payload) {
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
    const update = await ReportUpdate.find((payload as { updateId: number }).updateId)
    if (!update) return
    const followers = await Follower.query().where('reportId', report.id).orderBy('id')
    const { reopenDays } = await readSettings('public_space', publicSpaceSettings)
    for (const follower of followers) {
      await queueMail({
        to: follower.email,
        subject: `public_space.mail.${payload.kind}_subject`,
        subjectData: { reference: report.reference },
        view: `public_space::emails/${payload.kind}`,
        data: {
          ...common,
          body: update.body,
          feedback: payload.kind === 'resolved' ? feedbackLink(report.id, reopenDays) : null,
          days: reopenDays,
        },
        orderingKey: `public_space_report_${report.id}`,
      })
    }
  },
})

export default publicSpaceMailJob
