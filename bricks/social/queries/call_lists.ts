import db from '@adonisjs/lucid/services/db'
import type Alert from '../models/alert.js'
import AlertCall, { CALL_OUTCOMES, type CallOutcome } from '../models/alert_call.js'
import RegisterEntry from '../models/register_entry.js'
import Sector from '../models/sector.js'

/** How many "not reached" in one alert send a person to the visit list. */
export const NOT_REACHED_BEFORE_VISIT = 2

export interface CallPerson {
  entry: RegisterEntry
  /** the outcome of the last call logged today, null when not yet called */
  today: CallOutcome | null
  notReached: number
}

export interface CallList {
  /** null: registrations not yet placed in a sector */
  sector: Sector | null
  people: CallPerson[]
  /** people of the list not yet called today */
  toCall: number
}

/** Whether the calls logged for a person during an alert send them to a visit. */
export function needsVisit(calls: { outcome: CallOutcome }[]) {
  return (
    calls.some((call) => call.outcome === 'visit') ||
    calls.filter((call) => call.outcome === 'not_reached').length >= NOT_REACHED_BEFORE_VISIT
  )
}

/**
 * The day's call lists of an alert, one per sector (registrations without a
 * sector last, in a list of their own when there are any), and its visit
 * list: the people called "not reached" twice or found to need a visit,
 * who leave the call lists for a visit. Two queries for the register and
 * one for the alert's calls, whatever the number of people.
 */
export async function callLists(alert: Alert, day: string) {
  const [sectors, entries, calls] = await Promise.all([
    Sector.query().orderBy('name').orderBy('id'),
    RegisterEntry.query().orderBy('lastName').orderBy('firstName').orderBy('id'),
    AlertCall.query().where('alertId', alert.id).orderBy('id'),
  ])
  const callsOf = new Map<number, AlertCall[]>()
  for (const call of calls) {
    const own = callsOf.get(call.entryId)
    if (own) own.push(call)
    else callsOf.set(call.entryId, [call])
  }
  const visits: CallPerson[] = []
  const bySector = new Map<number | null, CallPerson[]>()
  for (const entry of entries) {
    const own = callsOf.get(entry.id) ?? []
    const todays = own.filter((call) => call.day === day)
    const person: CallPerson = {
      entry,
      today: todays.length ? todays[todays.length - 1].outcome : null,
      notReached: own.filter((call) => call.outcome === 'not_reached').length,
    }
    if (needsVisit(own)) {
      visits.push(person)
      continue
    }
    const key = sectors.some((sector) => sector.id === entry.sectorId) ? entry.sectorId : null
    const list = bySector.get(key)
    if (list) list.push(person)
    else bySector.set(key, [person])
  }
  const list = (sector: Sector | null, people: CallPerson[]): CallList => ({
    sector,
    people,
    toCall: people.filter((person) => person.today === null).length,
  })
  const lists = sectors.map((sector) => list(sector, bySector.get(sector.id) ?? []))
  if (bySector.get(null)?.length) lists.push(list(null, bySector.get(null)!))
  return { lists, visits }
}

/** The alert's statistics: the calls logged per outcome, and the people reached and sent to a visit. */
export async function alertStatistics(alert: Alert) {
  const rows = await AlertCall.query()
    .where('alertId', alert.id)
    .select('outcome')
    .count('* as total')
    .groupBy('outcome')
    .pojo<{ outcome: CallOutcome; total: number | string }>()
  const byOutcome = Object.fromEntries(CALL_OUTCOMES.map((outcome) => [outcome, 0])) as Record<
    CallOutcome,
    number
  >
  for (const row of rows) byOutcome[row.outcome] = Number(row.total)
  const [reached] = await AlertCall.query()
    .where('alertId', alert.id)
    .where('outcome', 'reached')
    .countDistinct('entry_id as total')
    .pojo<{ total: number | string }>()
  return {
    calls: byOutcome,
    total: CALL_OUTCOMES.reduce((sum, outcome) => sum + byOutcome[outcome], 0),
    peopleReached: Number(reached?.total ?? 0),
  }
}

/** What an alert's page shows: the day's call lists, the visit list and the statistics. */
export async function alertOverview(alert: Alert, day: string) {
  const [{ lists, visits }, statistics] = await Promise.all([
    callLists(alert, day),
    alertStatistics(alert),
  ])
  return { lists, visits, statistics }
}

/** The day's call list of one sector (null: the people without a sector), or null when there is none. */
export async function sectorCallList(alert: Alert, day: string, sectorId: number | null) {
  const { lists } = await callLists(alert, day)
  return lists.find((list) => (list.sector?.id ?? null) === sectorId) ?? null
}

/** Where a logged call leads back to: the sector's list it was logged from (`back`), else the alert, at the person. */
export function callPagePath(alert: Alert, back: string, entryId: number) {
  const list = /^\d+$/.test(back) ? `/secteurs/${back}` : ''
  return `/agents/solidarites/alertes/${alert.id}${list}#personne-${entryId}`
}

/**
 * The day's counts of an alert for the agents' home, in SQL (no person
 * loaded): the people on the visit list, and those of the call lists not
 * yet called today. Same rule as callLists and needsVisit.
 */
export async function alertCounts(alert: Alert, day: string) {
  const flagged = () =>
    db
      .from('social_alert_calls')
      .where('alert_id', alert.id)
      .groupBy('entry_id')
      .havingRaw(
        "sum(case when outcome = 'visit' then 1 else 0 end) > 0 or sum(case when outcome = 'not_reached' then 1 else 0 end) >= ?",
        [NOT_REACHED_BEFORE_VISIT]
      )
      .select('entry_id')
  const [[visits], [toCall]] = await Promise.all([
    db.from(flagged().as('flagged')).count('* as total'),
    db
      .from('social_register_entries')
      .whereNotIn('id', flagged())
      .whereNotIn(
        'id',
        db
          .from('social_alert_calls')
          .where('alert_id', alert.id)
          .where('day', day)
          .select('entry_id')
      )
      .count('* as total'),
  ])
  return { visits: Number(visits?.total ?? 0), toCall: Number(toCall?.total ?? 0) }
}
