import SchoolHoliday from '../models/school_holiday.js'
import { cityZone } from '../queries/holidays.js'
import type { HolidayInput } from '../validators/schools.js'

export class HolidayKnownError extends Error {}

/** An admin enters a holiday period of the city's zone; the same days twice are refused. */
export default class AddSchoolHoliday {
  async handle(input: HolidayInput) {
    const zone = await cityZone()
    const known = await SchoolHoliday.query()
      .where('zone', zone)
      .where('startsOn', input.startsOn)
      .where('endsOn', input.endsOn)
      .first()
    if (known) throw new HolidayKnownError()
    return SchoolHoliday.create({ zone, ...input, source: 'manual' })
  }
}
