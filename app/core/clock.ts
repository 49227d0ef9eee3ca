import { DateTime, Settings } from 'luxon'

export const CITY_ZONE = 'Europe/Paris'

/**
 * The one clock Parvis reads: slots, deadlines, SLA, reminders, retention,
 * invoicing months and school years all ask it what time it is.
 *
 * It tells real time in production. Elsewhere it can be moved: a test sets it
 * to the moment its expectations are built for, and `PARVIS_NOW` (or
 * `PARVIS_TEST_NOW` for `npm test`) starts a whole process at a chosen moment,
 * ticking from there, so the suite proves it holds on a Sunday afternoon or on
 * the night of a DST change. Luxon's own "now" is routed here too, so the
 * timestamps Lucid stamps on rows agree with the clock the app decided by.
 *
 * Time measured for its own sake (timeouts, durations, cookie lifetimes) keeps
 * using the process's real clock: only the calendar moves.
 */
export class Clock {
  #offsetMs = 0
  #frozenAtMs: number | null = null
  #initialised = false

  /** Milliseconds since the epoch, as the app sees them. */
  nowMs(): number {
    this.#init()
    return this.#frozenAtMs ?? Date.now() + this.#offsetMs
  }

  /**
   * The machine's real time in ms, whatever the app's calendar says: for a
   * peer that checks a timestamp against its own clock (a signed webhook).
   */
  realNowMs(): number {
    return Date.now()
  }

  /** Now, in the process's zone (UTC: dates are stored in UTC). */
  now(): DateTime<true> {
    return DateTime.fromMillis(this.nowMs()) as DateTime<true>
  }

  /** Now, on the city's wall clock. */
  local(): DateTime<true> {
    return this.now().setZone(CITY_ZONE) as DateTime<true>
  }

  /** Today's date in the city (YYYY-MM-DD). */
  today(): string {
    return this.local().toISODate()
  }

  date(): Date {
    return new Date(this.nowMs())
  }

  /** True when the clock tells real time. */
  get isReal() {
    this.#init()
    return this.#frozenAtMs === null && this.#offsetMs === 0
  }

  /**
   * Moves the clock to `moment` (an ISO string without offset is read on the
   * city's wall clock). It keeps ticking from there unless `freeze` is set.
   */
  travelTo(moment: DateTime | Date | string, options: { freeze?: boolean } = {}) {
    this.#init()
    const target = toMillis(moment)
    if (options.freeze) {
      this.#frozenAtMs = target
    } else {
      this.#frozenAtMs = null
      this.#offsetMs = target - Date.now()
    }
    return this
  }

  /** Moves the clock forward (or back, with negative values) by a duration. */
  travel(duration: { days?: number; hours?: number; minutes?: number; seconds?: number }) {
    const target = this.now().plus(duration)
    return this.travelTo(target, { freeze: this.#frozenAtMs !== null })
  }

  /** Back to where the process started: real time, or the moment of PARVIS_NOW. */
  reset() {
    this.#offsetMs = 0
    this.#frozenAtMs = null
    this.#initialised = false
    this.#init()
    return this
  }

  /**
   * What a child process needs to share this clock (see `PARVIS_NOW`).
   * `PARVIS_NOW_AT` is the real time the moment was read: a child that takes
   * ten seconds to boot starts its clock ten seconds later, not behind ours.
   */
  environment(): Record<string, string> {
    if (this.isReal) return {}
    const realMs = Date.now()
    return {
      PARVIS_NOW: DateTime.fromMillis(this.#frozenAtMs ?? realMs + this.#offsetMs).toISO()!,
      PARVIS_NOW_AT: String(realMs),
    }
  }

  #init() {
    if (this.#initialised) return
    this.#initialised = true
    const start = process.env.PARVIS_NOW
    if (!start) return
    if (process.env.NODE_ENV === 'production') {
      throw new Error(
        'PARVIS_NOW moves the clock for tests and demos; it is refused in production.'
      )
    }
    const readAt = Number(process.env.PARVIS_NOW_AT)
    this.#offsetMs =
      toMillis(start) - (Number.isSafeInteger(readAt) && readAt > 0 ? readAt : Date.now())
  }
}

function toMillis(moment: DateTime | Date | string) {
  if (moment instanceof Date) return moment.getTime()
  if (typeof moment !== 'string') return moment.toMillis()
  const parsed = DateTime.fromISO(moment, { zone: CITY_ZONE, setZone: true })
  if (!parsed.isValid)
    throw new Error(
      `Not a moment the clock understands: "${moment}" (use ISO 8601, e.g. 2026-12-06T16:00)`
    )
  return parsed.toMillis()
}

export const clock = new Clock()

// Every Luxon "now" (Lucid's created_at/updated_at among them) reads the same clock.
Settings.now = () => clock.nowMs()
