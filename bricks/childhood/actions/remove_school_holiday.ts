import type SchoolHoliday from '../models/school_holiday.js'

/** An admin removes a period entered or imported by mistake; the next invoicing runs bill its days again. */
export default class RemoveSchoolHoliday {
  async handle(holiday: SchoolHoliday) {
    await holiday.delete()
  }
}
