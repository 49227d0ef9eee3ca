import Activity from '../models/activity.js'
import type { ActivityInput } from '../validators/activities.js'

/** Euros typed with a comma or a point, to cents. */
export function toCents(value: string) {
  return Math.round(Number(value.replace(',', '.')) * 100)
}

/** The fields of an activity as typed, its prices per band in cents. */
export function activityFields(input: ActivityInput) {
  const { priceA, priceB, priceC, priceD, description, ...fields } = input
  const prices = {
    A: toCents(priceA),
    B: toCents(priceB),
    C: toCents(priceC),
    D: toCents(priceD),
  }
  return { ...fields, description: description ?? null, prices }
}

/** An activity the service opens to registrations, with its prices per band in cents. */
export default class CreateActivity {
  async handle(input: ActivityInput) {
    return Activity.create({ ...activityFields(input), active: true })
  }
}
