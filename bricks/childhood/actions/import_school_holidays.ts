import db from '@adonisjs/lucid/services/db'
import SchoolHoliday from '../models/school_holiday.js'
import { cityZone } from '../queries/holidays.js'
import { periodsFromFile } from '../services/school_calendar.js'

/**
 * An admin imports the national school calendar (CSV or ICS of
 * data.education.gouv.fr): the periods of the city's zone are added, those
 * already known (same first and last day, entered or imported before) are
 * left as they are, so importing the same file twice changes nothing. One
 * transaction: a file is imported whole or not at all.
 */
export default class ImportSchoolHolidays {
  async handle(text: string) {
    const zone = await cityZone()
    const periods = periodsFromFile(text, zone)
    return db.transaction(async (trx) => {
      let added = 0
      for (const period of periods) {
        const known = await SchoolHoliday.query({ client: trx })
          .where('zone', zone)
          .where('startsOn', period.startsOn)
          .where('endsOn', period.endsOn)
          .first()
        if (known) continue
        await SchoolHoliday.create({ zone, ...period, source: 'import' }, { client: trx })
        added++
      }
      return { zone, added, known: periods.length - added }
    })
  }
}
