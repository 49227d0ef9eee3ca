import Activity from '../models/activity.js'

/**
 * The service closes an activity to registrations (families see it closed
 * and cannot register to any of its sessions; children already registered
 * keep their place or their rank on the waiting list), or opens it again.
 */
export default class SetActivityOpening {
  async handle(activity: Activity, open: boolean) {
    activity.active = open
    await activity.save()
  }
}
