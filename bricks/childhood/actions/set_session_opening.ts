import ActivitySession from '../models/activity_session.js'

/** The service closes one session to registrations (the others stay open), or opens it again. */
export default class SetSessionOpening {
  async handle(session: ActivitySession, open: boolean) {
    session.closed = !open
    await session.save()
  }
}
