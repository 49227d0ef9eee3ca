import WaitingListEntry from '#appointments/models/waiting_list_entry'

/** The resident leaves a waiting list: their entry is closed (kept as cancelled, so the queue's history stays readable). */
export default class LeaveWaitingList {
  async handle(userId: number, entryId: number) {
    const updated = await WaitingListEntry.query()
      .where('id', entryId)
      .where('userId', userId)
      .where('status', 'waiting')
      .update({ status: 'cancelled' })
    return Number(Array.isArray(updated) ? updated[0] : updated) > 0
  }
}
