/*
 * Client for ANTS's anti-duplicate API ("api-coordination", specs/ants.md section 2):
 * check a pre-application number, declare the appointment booked with it, delete it.
 *
 * Every failure (timeout, network, non-200, unexpected JSON) becomes one error type,
 * AntsUnavailableError, because callers must fail closed: no answer means no booking.
 */

import { recordConnectorFailure } from '#core/observability/metrics'

/** What ANTS knows of a pre-application number; only `validated` allows a booking. */
export type AntsStatus = 'validated' | 'consumed' | 'declared' | 'unknown' | 'expired'

export class AntsUnavailableError extends Error {
  /** HTTP status when ANTS did answer (401, 503…), undefined for timeouts and network errors */
  readonly status?: number

  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'AntsUnavailableError'
    this.status = options.status
  }
}

export interface AntsApplicationStatus {
  status: AntsStatus
  appointments: {
    management_url: string
    meeting_point: string
    meeting_point_id?: string
    appointment_date: string
  }[]
}

export interface AntsClientOptions {
  /** e.g. https://api-coordination.rendezvouspasseport.ants.gouv.fr/api */
  baseUrl: string
  token: string
  /** RDV-SP uses 4 s during booking; a slower answer counts as unavailable */
  timeoutMs?: number
}

const STATUSES: readonly AntsStatus[] = ['validated', 'consumed', 'declared', 'unknown', 'expired']

/** A pre-demande number: 10 letters and digits (the boxes' maxlength, and the format checked). */
export const APPLICATION_ID_LENGTH = 10
const APPLICATION_ID = new RegExp(`^[A-Z0-9]{${APPLICATION_ID_LENGTH}}$`)

/** 10 characters A-Z0-9 after trimming and upper-casing; returns the normalised id or null */
export function normalizeApplicationId(input: string): string | null {
  const id = input.trim().toUpperCase()
  return APPLICATION_ID.test(id) ? id : null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Checks one /status entry so a changed or broken answer cannot be mistaken for "validated". */
function parseApplicationStatus(id: string, value: unknown): AntsApplicationStatus {
  if (!isRecord(value) || !STATUSES.includes(value.status as AntsStatus)) {
    throw new AntsUnavailableError(`ANTS status: unexpected entry for ${id}`)
  }
  const appointments = value.appointments ?? []
  if (!Array.isArray(appointments)) {
    throw new AntsUnavailableError(`ANTS status: unexpected appointments for ${id}`)
  }
  return {
    status: value.status as AntsStatus,
    appointments: appointments.map((item: unknown) => {
      if (!isRecord(item))
        throw new AntsUnavailableError(`ANTS status: unexpected appointment for ${id}`)
      const text = (field: unknown) =>
        typeof field === 'string'
          ? field
          : field === null || field === undefined
            ? ''
            : String(field)
      return {
        management_url: text(item.management_url),
        meeting_point: text(item.meeting_point),
        ...(item.meeting_point_id !== null && item.meeting_point_id !== undefined
          ? { meeting_point_id: text(item.meeting_point_id) }
          : {}),
        appointment_date: text(item.appointment_date),
      }
    }),
  }
}

export class AntsClient {
  readonly #baseUrl: string
  readonly #token: string
  readonly #timeoutMs: number

  constructor(options: AntsClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.#token = options.token
    this.#timeoutMs = options.timeoutMs ?? 4000
  }

  /** Status and known appointments of each application id (one call, repeated `application_ids`). */
  async status(ids: string[]): Promise<Record<string, AntsApplicationStatus>> {
    if (ids.length === 0) return {}
    const params = new URLSearchParams()
    for (const id of ids) params.append('application_ids', id)
    const body = await this.#call('GET', 'status', params)
    if (!isRecord(body)) throw new AntsUnavailableError('ANTS status: answer is not an object')
    const result: Record<string, AntsApplicationStatus> = {}
    for (const [id, value] of Object.entries(body)) result[id] = parseApplicationStatus(id, value)
    return result
  }

  /** Declares one appointment for one application id (a family booking calls this once per id). */
  async declare(appointment: {
    applicationId: string
    meetingPoint: string
    meetingPointId: string
    appointmentDate: string
    managementUrl: string
  }): Promise<void> {
    const params = new URLSearchParams({
      application_id: appointment.applicationId,
      meeting_point: appointment.meetingPoint,
      meeting_point_id: appointment.meetingPointId,
      appointment_date: appointment.appointmentDate,
      management_url: appointment.managementUrl,
    })
    const body = await this.#call('POST', 'appointments', params)
    if (!isRecord(body) || body.success !== true) {
      throw new AntsUnavailableError('ANTS declare: the answer does not confirm success')
    }
  }

  /**
   * Deletes a declared appointment, with values as /status returned them. Deleting
   * something already gone (rowcount 0) is not an error, so retries stay harmless.
   */
  async remove(appointment: {
    applicationId: string
    meetingPoint: string
    meetingPointId: string
    appointmentDate: string
  }): Promise<void> {
    const params = new URLSearchParams({
      application_id: appointment.applicationId,
      meeting_point: appointment.meetingPoint,
      meeting_point_id: appointment.meetingPointId,
      appointment_date: appointment.appointmentDate,
    })
    const body = await this.#call('DELETE', 'appointments', params)
    if (!isRecord(body) || typeof body.rowcount !== 'number') {
      throw new AntsUnavailableError('ANTS remove: the answer has no rowcount')
    }
  }

  /** One request; a failed one is counted for /metrics. */
  async #call(method: string, path: string, params: URLSearchParams): Promise<unknown> {
    return this.#request(method, path, params).catch((error) => {
      recordConnectorFailure('ants')
      throw error
    })
  }

  /** One request, parameters in the query string (also for POST/DELETE, as ANTS expects). */
  async #request(method: string, path: string, params: URLSearchParams): Promise<unknown> {
    const label = `ANTS ${method} /${path}`
    const url = `${this.#baseUrl}/${path}?${params.toString()}`
    try {
      const response = await fetch(url, {
        method,
        headers: { 'Accept': 'application/json', 'x-rdv-opt-auth-token': this.#token },
        signal: AbortSignal.timeout(this.#timeoutMs),
      })
      const text = await response.text()
      if (response.status !== 200) {
        throw new AntsUnavailableError(
          `${label}: HTTP ${response.status} ${text.slice(0, 200)}`.trim(),
          {
            status: response.status,
          }
        )
      }
      try {
        return JSON.parse(text)
      } catch (error) {
        throw new AntsUnavailableError(`${label}: the answer is not JSON`, {
          status: 200,
          cause: error,
        })
      }
    } catch (error) {
      if (error instanceof AntsUnavailableError) throw error
      const name = (error as Error | undefined)?.name
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new AntsUnavailableError(`${label}: no answer within ${this.#timeoutMs} ms`, {
          cause: error,
        })
      }
      // fetch only says "fetch failed"; the useful part (ECONNREFUSED…) is in its cause.
      const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause
      const detail =
        cause?.code ?? cause?.message ?? (error as Error | undefined)?.message ?? 'request failed'
      throw new AntsUnavailableError(`${label}: ${detail}`, { cause: error })
    }
  }
}
