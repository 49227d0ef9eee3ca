import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { readSetting } from '#core/services/settings'
import SchoolHoliday, { type SchoolZone } from '../models/school_holiday.js'
import { childhoodSettings } from '../settings.js'

/** The city's school holiday zone (setting schoolZone). */
export async function cityZone(client?: QueryClientContract): Promise<SchoolZone> {
  return readSetting('childhood', childhoodSettings, 'schoolZone', client)
}

/** The holiday periods of the city's zone, latest first (a few per year: no page needed before decades). */
export async function zoneHolidays(zone: SchoolZone) {
  return SchoolHoliday.query().where('zone', zone).orderBy('startsOn', 'desc').orderBy('id', 'desc')
}

/** The days of a month (YYYY-MM) within a school holiday of the city's zone. */
export async function holidayDaysOf(month: string, client?: QueryClientContract) {
  const zone = await cityZone(client)
  const first = DateTime.fromISO(`${month}-01`, { zone: 'Europe/Paris' })
  const firstDay = first.toISODate()!
  const lastDay = first.endOf('month').toISODate()!
  const periods = await SchoolHoliday.query({ client })
    .where('zone', zone)
    .where('startsOn', '<=', lastDay)
    .where('endsOn', '>=', firstDay)
  const days = new Set<string>()
  for (const period of periods) {
    for (
      let day = DateTime.fromISO(period.startsOn < firstDay ? firstDay : period.startsOn);
      day.toISODate()! <= period.endsOn && day.toISODate()! <= lastDay;
      day = day.plus({ days: 1 })
    )
      days.add(day.toISODate()!)
  }
  return days
}
