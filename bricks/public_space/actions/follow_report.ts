import Follower from '../models/follower.js'
import type Report from '../models/report.js'

/** A neighbour follows a report instead of filing it again: its public updates reach them by mail. */
export default class FollowReport {
  async handle(report: Report, email: string) {
    const address = email.trim().toLowerCase()
    const existing = await Follower.query()
      .where('reportId', report.id)
      .where('email', address)
      .first()
    if (existing) return existing
    return Follower.create({ reportId: report.id, email: address, reporter: false })
  }
}
