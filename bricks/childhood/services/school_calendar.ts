import { DateTime } from 'luxon'
import type { SchoolZone } from '../models/school_holiday.js'

/**
 * Reading the national school calendar (data.education.gouv.fr,
 * "fr-en-calendrier-scolaire") as a CSV export or an ICS file, keeping the
 * periods of one zone. In both, a period runs from its start date (the first
 * day without school) to the day classes resume: the last day of holiday is
 * the day before. A period without an end (the summer holidays in some
 * exports) lasts until the end of the school year, 31 August.
 */
export interface HolidayPeriod {
  label: string
  /** first day without school, YYYY-MM-DD */
  startsOn: string
  /** last day without school, included, YYYY-MM-DD */
  endsOn: string
}

const PARIS = 'Europe/Paris'

/** What a calendar file may weigh: the national file of every zone and year is about 1 MB. */
export const CALENDAR_FILE_BYTES = 5 * 1024 * 1024

/** A date of the file (2026-10-17, 2026-10-16T22:00:00+00:00, 17/10/2026, 20261017) as a Paris day, or null. */
export function calendarDay(value: string): string | null {
  const text = value.trim()
  let date: DateTime | null = null
  if (/^\d{2}\/\d{2}\/\d{4}$/.test(text))
    date = DateTime.fromFormat(text, 'dd/MM/yyyy', { zone: PARIS })
  else if (/^\d{8}$/.test(text)) date = DateTime.fromFormat(text, 'yyyyMMdd', { zone: PARIS })
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) date = DateTime.fromISO(text, { zone: PARIS })
  else if (/^\d{4}-\d{2}-\d{2}T/.test(text) || /^\d{8}T\d{6}Z?$/.test(text))
    // With an offset (the CSV's 2026-10-16T22:00:00+00:00), the Paris day it is; without one, a Paris time.
    date = DateTime.fromISO(text, { zone: PARIS })
  return date?.isValid ? date.toISODate() : null
}

/** The period from a start and the day classes resume (or nothing: until 31 August). */
function period(label: string, start: string, resume: string | null): HolidayPeriod | null {
  if (resume !== null && resume <= start) return null
  const endsOn = resume
    ? DateTime.fromISO(resume, { zone: PARIS }).minus({ days: 1 }).toISODate()!
    : endOfSchoolYear(start)
  return { label: label.trim().slice(0, 150) || 'Vacances scolaires', startsOn: start, endsOn }
}

function endOfSchoolYear(start: string) {
  const [year, month] = start.split('-').map(Number)
  return `${month >= 9 ? year + 1 : year}-08-31`
}

/** The zone letter a cell names ("Zone C", "C", "zone c"), or null for anything else (Corse, Guadeloupe…). */
function zoneOf(value: string): string | null {
  const match = /^\s*(?:zone\s+)?([abc])\s*$/i.exec(value)
  return match ? match[1].toUpperCase() : null
}

/** One line of a CSV file, with quoted cells ("a;b" stays one cell). */
function csvCells(line: string, separator: string) {
  const cells: string[] = []
  let current = ''
  let quoted = false
  for (let index = 0; index < line.length; index++) {
    const char = line[index]
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        current += '"'
        index++
      } else if (char === '"') quoted = false
      else current += char
    } else if (char === '"') quoted = true
    else if (char === separator) {
      cells.push(current)
      current = ''
    } else current += char
  }
  cells.push(current)
  return cells.map((cell) => cell.trim())
}

const normalize = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '')

export class CalendarFileError extends Error {
  constructor(public reason: 'unknown_format' | 'missing_columns' | 'no_period') {
    super(`School calendar file refused: ${reason}`)
  }
}

/**
 * The periods of a zone in the CSV export: one line per académie (the same
 * dates repeated), lines for teachers only left out, periods of the other
 * zones and of overseas académies left out.
 */
export function periodsFromCsv(text: string, zone: SchoolZone): HolidayPeriod[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim())
  if (lines.length === 0) throw new CalendarFileError('missing_columns')
  const separator = lines[0].includes(';') ? ';' : ','
  const header = csvCells(lines[0], separator).map(normalize)
  const column = (...names: string[]) => header.findIndex((name) => names.includes(name))
  const description = column('description')
  const start = column('datededebut', 'startdate')
  const end = column('datedefin', 'enddate')
  const zones = column('zones', 'zone')
  const population = column('population')
  if (description < 0 || start < 0 || zones < 0) throw new CalendarFileError('missing_columns')
  const periods: HolidayPeriod[] = []
  for (const line of lines.slice(1)) {
    const cells = csvCells(line, separator)
    if (zoneOf(cells[zones] ?? '') !== zone) continue
    if (population >= 0 && normalize(cells[population] ?? '') === 'enseignants') continue
    const first = calendarDay(cells[start] ?? '')
    if (!first) continue
    const resume = end >= 0 && cells[end] ? calendarDay(cells[end]) : null
    const found = period(cells[description] ?? '', first, resume)
    if (found) periods.push(found)
  }
  return distinct(periods)
}

/** An ICS file's lines, folded lines joined back (RFC 5545: a continuation starts with a space). */
function unfold(text: string) {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)
}

function icsText(value: string) {
  return value.replace(/\\n/gi, ' ').replace(/\\([,;\\])/g, '$1')
}

/**
 * The periods of a zone in an ICS file: all-day events (DTEND is the day
 * classes resume). An event that names a zone in its summary, location or
 * description is kept only for the city's; the national files per zone
 * name none, so every event of such a file is kept.
 */
export function periodsFromIcs(text: string, zone: SchoolZone): HolidayPeriod[] {
  const periods: HolidayPeriod[] = []
  let event: Record<string, string> | null = null
  for (const line of unfold(text)) {
    if (line === 'BEGIN:VEVENT') event = {}
    else if (line === 'END:VEVENT' && event) {
      const named = [event.SUMMARY, event.LOCATION, event.DESCRIPTION]
        .filter(Boolean)
        .flatMap((value) => [...value.matchAll(/zones?\s+([abc](?:\s*(?:,|et|-)\s*[abc])*)\b/gi)])
        .flatMap((match) => match[1].toUpperCase().match(/[ABC]/g) ?? [])
      const first = event.DTSTART ? calendarDay(event.DTSTART) : null
      if (first && (named.length === 0 || named.includes(zone))) {
        const resume = event.DTEND ? calendarDay(event.DTEND) : null
        const found = period(
          (event.SUMMARY ?? '').replace(/\s*-\s*zones?\s+[abc].*$/i, ''),
          first,
          resume
        )
        if (found) periods.push(found)
      }
      event = null
    } else if (event) {
      const match = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/.exec(line)
      if (match) event[match[1]] = icsText(match[2])
    }
  }
  return distinct(periods)
}

/** The periods of the city's zone in a national calendar file, CSV or ICS. */
export function periodsFromFile(text: string, zone: SchoolZone): HolidayPeriod[] {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart()
  let periods: HolidayPeriod[]
  if (trimmed.startsWith('BEGIN:VCALENDAR')) periods = periodsFromIcs(trimmed, zone)
  else if (/^[^\n]*description/i.test(trimmed)) periods = periodsFromCsv(trimmed, zone)
  else throw new CalendarFileError('unknown_format')
  if (periods.length === 0) throw new CalendarFileError('no_period')
  return periods
}

function distinct(periods: HolidayPeriod[]) {
  const seen = new Map<string, HolidayPeriod>()
  for (const found of periods) {
    const key = `${found.startsOn}:${found.endsOn}`
    if (!seen.has(key)) seen.set(key, found)
  }
  return [...seen.values()].sort((a, b) => a.startsOn.localeCompare(b.startsOn))
}
