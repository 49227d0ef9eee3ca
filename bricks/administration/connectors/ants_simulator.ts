/*
 * In-process imitation of ANTS's anti-duplicate API ("api-coordination"), so tests and
 * local demos can exercise the passport/CNI booking flow without the real service.
 *
 * It answers the three routes we call (see specs/ants.md, section 2):
 *   GET    /api/status?application_ids=A&application_ids=B
 *   POST   /api/appointments?application_id=…&meeting_point=…&meeting_point_id=…&appointment_date=…&management_url=…
 *   DELETE /api/appointments?application_id=…&meeting_point=…&meeting_point_id=…&appointment_date=…
 * Every parameter travels in the query string, like the real API; bodies are ignored.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { AntsStatus } from './ants_client.js'

/** Declared by the client (the production side); re-exported for test code. */
export type { AntsStatus }

export interface AntsAppointment {
  application_id: string
  meeting_point: string
  meeting_point_id?: string
  appointment_date: string
  management_url: string
}

export interface AntsSimulatorRequest {
  method: string
  path: string
  query: Record<string, string[]>
  /** HTTP status the simulator answered with; set once the answer is sent */
  status?: number
}

export interface AntsSimulator {
  /** base URL including /api, e.g. http://127.0.0.1:41234/api */
  url: string
  token: string
  /** set the status of an application id (ids are 10 chars A-Z0-9) */
  setStatus(id: string, status: AntsStatus): void
  /** appointments currently declared (declared by anyone, including ones seeded with addAppointment) */
  appointments(): AntsAppointment[]
  /** add an appointment declared "by another editor" */
  addAppointment(appointment: AntsAppointment): void
  /** every request received, in order: { method, path, query (Record<string, string[]>) } */
  requests: AntsSimulatorRequest[]
  /** when true the server answers 503 to everything; `delayMs` delays every answer */
  down: boolean
  delayMs: number
  /** forget statuses, appointments, requests; down=false; delayMs=0 */
  reset(): void
  stop(): Promise<void>
}

export interface AntsSimulatorOptions {
  port?: number
  token?: string
  defaultStatus?: (id: string) => AntsStatus
}

const APPLICATION_ID = /^[A-Z0-9]{10}$/

/**
 * Demo rule for ids nobody set explicitly, so a demo can show every case by typing a
 * well-chosen number: first letter C → consumed, E → expired, X → unknown,
 * D → declared, any other well-formed id → validated; malformed ids → unknown.
 */
export function demoStatus(id: string): AntsStatus {
  if (!APPLICATION_ID.test(id)) return 'unknown'
  switch (id[0]) {
    case 'C':
      return 'consumed'
    case 'E':
      return 'expired'
    case 'X':
      return 'unknown'
    case 'D':
      return 'declared'
    default:
      return 'validated'
  }
}

type Answer = { status: number; body: unknown }

/** FastAPI-style 422, which is what the real service (a FastAPI app) sends for missing params. */
function missingParams(names: string[]): Answer {
  return {
    status: 422,
    body: {
      detail: names.map((name) => ({
        loc: ['query', name],
        msg: 'field required',
        type: 'value_error.missing',
      })),
    },
  }
}

export async function startAntsSimulator(
  options: AntsSimulatorOptions = {}
): Promise<AntsSimulator> {
  const token = options.token ?? 'ants-simulator-token'
  const defaultStatus = options.defaultStatus ?? demoStatus

  const statuses = new Map<string, AntsStatus>()
  let declared: AntsAppointment[] = []
  /** Bumped by reset() so answers still waiting on `delayMs` cannot touch the fresh state. */
  let generation = 0
  const timers = new Set<NodeJS.Timeout>()

  function statusOf(id: string): AntsStatus {
    return statuses.get(id) ?? defaultStatus(id)
  }

  /** The appointment as /status lists it: meeting_point_id only when known. */
  function publicShape(appointment: AntsAppointment) {
    return {
      management_url: appointment.management_url,
      meeting_point: appointment.meeting_point,
      ...(appointment.meeting_point_id !== undefined
        ? { meeting_point_id: appointment.meeting_point_id }
        : {}),
      appointment_date: appointment.appointment_date,
    }
  }

  /** Adds or replaces: the pair (application_id, management_url) is treated as unique. */
  function upsert(appointment: AntsAppointment) {
    const copy = { ...appointment }
    const index = declared.findIndex(
      (entry) =>
        entry.application_id === copy.application_id && entry.management_url === copy.management_url
    )
    if (index === -1) declared.push(copy)
    else declared[index] = copy
  }

  function answer(
    method: string,
    path: string,
    query: Record<string, string[]>,
    headerToken: unknown
  ): Answer {
    if (simulator.down) return { status: 503, body: { detail: 'Service Unavailable' } }

    const route = path.replace(/\/+$/, '')
    if (route !== '/api/status' && route !== '/api/appointments') {
      return { status: 404, body: { detail: 'Not Found' } }
    }
    if (headerToken !== token) {
      return { status: 401, body: { detail: 'X-RDV-OPT-AUTH-TOKEN header invalid' } }
    }
    const first = (name: string) => query[name]?.[0]

    if (route === '/api/status') {
      if (method !== 'GET') return { status: 405, body: { detail: 'Method Not Allowed' } }
      const ids = query.application_ids ?? []
      if (ids.length === 0) return missingParams(['application_ids'])
      const body: Record<
        string,
        { status: AntsStatus; appointments: ReturnType<typeof publicShape>[] }
      > = {}
      for (const id of ids) {
        body[id] = {
          status: statusOf(id),
          appointments: declared.filter((entry) => entry.application_id === id).map(publicShape),
        }
      }
      return { status: 200, body }
    }

    if (method === 'POST') {
      const required = ['application_id', 'meeting_point', 'appointment_date', 'management_url']
      const missing = required.filter((name) => !first(name))
      if (missing.length > 0) return missingParams(missing)
      upsert({
        application_id: first('application_id')!,
        meeting_point: first('meeting_point')!,
        meeting_point_id: first('meeting_point_id'),
        appointment_date: first('appointment_date')!,
        management_url: first('management_url')!,
      })
      return { status: 200, body: { success: true } }
    }

    if (method === 'DELETE') {
      const required = ['application_id', 'meeting_point', 'appointment_date']
      const missing = required.filter((name) => !first(name))
      if (missing.length > 0) return missingParams(missing)
      const applicationId = first('application_id')
      const meetingPointId = first('meeting_point_id') ?? ''
      const appointmentDate = first('appointment_date')
      const kept = declared.filter(
        (entry) =>
          !(
            entry.application_id === applicationId &&
            (entry.meeting_point_id ?? '') === meetingPointId &&
            entry.appointment_date === appointmentDate
          )
      )
      const rowcount = declared.length - kept.length
      declared = kept
      return { status: 200, body: { rowcount } }
    }

    return { status: 405, body: { detail: 'Method Not Allowed' } }
  }

  function send(res: ServerResponse, record: AntsSimulatorRequest, result: Answer) {
    record.status = result.status
    // The client may have given up (timeout) while we were "slow": nothing to write to.
    if (res.destroyed || res.writableEnded) return
    const payload = JSON.stringify(result.body)
    res.writeHead(result.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
    })
    res.end(payload)
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    // The real API takes no body; drain whatever comes so the request completes.
    req.resume()
    const parsed = new URL(req.url ?? '/', 'http://simulator.invalid')
    const query: Record<string, string[]> = {}
    for (const [key, value] of parsed.searchParams) (query[key] ??= []).push(value)
    const method = req.method ?? 'GET'
    const record: AntsSimulatorRequest = { method, path: parsed.pathname, query }
    simulator.requests.push(record)
    const headerToken = req.headers['x-rdv-opt-auth-token']

    if (simulator.delayMs <= 0) {
      send(res, record, answer(method, parsed.pathname, query, headerToken))
      return
    }
    // A slow server still does the work once the delay is over, even if the client left:
    // that is how a timed-out declaration can nevertheless reach ANTS.
    const startedIn = generation
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (startedIn !== generation) {
        res.destroy()
        return
      }
      send(res, record, answer(method, parsed.pathname, query, headerToken))
    }, simulator.delayMs)
    timers.add(timer)
  }

  const server = createServer(handle)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo

  const simulator: AntsSimulator = {
    url: `http://127.0.0.1:${port}/api`,
    token,
    requests: [],
    down: false,
    delayMs: 0,
    setStatus(id, status) {
      statuses.set(id, status)
    },
    appointments() {
      return declared.map((entry) => ({ ...entry }))
    },
    addAppointment(appointment) {
      upsert(appointment)
    },
    reset() {
      generation++
      statuses.clear()
      declared = []
      simulator.requests.length = 0
      simulator.down = false
      simulator.delayMs = 0
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      // Keep-alive sockets would otherwise hold the process (and server.close) open.
      server.closeAllConnections()
      if (!server.listening) return
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
      })
    },
  }
  return simulator
}
