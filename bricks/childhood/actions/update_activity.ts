import Activity from '../models/activity.js'
import type { ActivityInput } from '../validators/activities.js'
import { activityFields } from './create_activity.js'

/**
 * The service corrects an activity (name, ages, prices, registration
 * window). Registrations already made stay; the next invoicing run uses the
 * new prices, invoices already issued keep theirs.
 */
export default class UpdateActivity {
  async handle(activity: Activity, input: ActivityInput) {
    activity.merge(activityFields(input))
    await activity.save()
    return activity
  }
}
