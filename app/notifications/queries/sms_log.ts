import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { CITY_ZONE } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import SmsLogEntry from '#notifications/models/sms_log_entry'
import SmsSimulatorMessage from '#notifications/models/sms_simulator_message'

export const SMS_PAGE_SIZE = 50

export interface SmsMonth {
  /** first day of the month, Paris */
  month: DateTime
  sent: number
  segments: number
  costMillis: number
  heldBack: number
}

/**
 * What the city's SMS cost, month by month (Paris months), newest first:
 * one aggregate per month over the log's date index, whatever its size.
 */
export async function smsMonthlyCosts(now: DateTime, months = 12): Promise<SmsMonth[]> {
  const current = now.setZone(CITY_ZONE).startOf('month')
  const result: SmsMonth[] = []
  for (let index = 0; index < months; index++) {
    const month = current.minus({ months: index })
    const rows = await db
      .from('sms_log')
      .where('created_at', '>=', dbTimestamp(month.toUTC()))
      .where('created_at', '<', dbTimestamp(month.plus({ months: 1 }).toUTC()))
      .select('status')
      .count('* as total')
      .sum('segments as segments')
      .sum('cost_millis as cost')
      .groupBy('status')
    const sent = rows.find((row) => row.status === 'sent')
    const heldBack = rows.find((row) => row.status === 'over_cap')
    result.push({
      month,
      sent: Number(sent?.total ?? 0),
      segments: Number(sent?.segments ?? 0),
      costMillis: Number(sent?.cost ?? 0),
      heldBack: Number(heldBack?.total ?? 0),
    })
  }
  return result
}

/** The log, newest first, by key: `before` is the last id of the previous page. */
export async function smsLogPage(before: number | null) {
  const query = SmsLogEntry.query()
    .orderBy('id', 'desc')
    .limit(SMS_PAGE_SIZE + 1)
  if (before) query.where('id', '<', before)
  const rows = await query
  return { entries: rows.slice(0, SMS_PAGE_SIZE), more: rows.length > SMS_PAGE_SIZE }
}

/** What the simulator received, newest first, by key. */
export async function simulatorMessagesPage(before: number | null) {
  const query = SmsSimulatorMessage.query()
    .orderBy('id', 'desc')
    .limit(SMS_PAGE_SIZE + 1)
  if (before) query.where('id', '<', before)
  const rows = await query
  return { messages: rows.slice(0, SMS_PAGE_SIZE), more: rows.length > SMS_PAGE_SIZE }
}

/** Euros from thousandths, French style: 1234 → "1,234 €" rounded to the cent: "1,23 €". */
export function formatCost(millis: number) {
  return `${(millis / 1000).toFixed(2).replace('.', ',')} €`
}
