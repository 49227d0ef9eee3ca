import type { DateTime } from 'luxon'
import type { LoadedModule } from '#core/modules/registry'
import { parseEvery, type Cadence, type Every } from '#core/modules/schedule'
import modules from '#core/services/modules'

export interface JobContext {
  jobId: number
  /** 1 on the first run, 2 on the first retry… */
  attempt: number
  idempotencyKey: string
  /** the worker's clock (tests move it ahead to run later jobs) */
  now: DateTime
}

/**
 * Queues keep slow or failing receivers apart: a worker runs one loop per
 * queue, so an SMTP server that never answers holds the `mail` loop only,
 * never ANTS declarations or payment checks. `default` takes quick work that
 * only touches the database (rendering a mail, planning the next ones).
 */
export const DEFAULT_QUEUE = 'default'

/** A kind of job; its name is the key a manifest gives it under `jobs`. */
export interface JobDefinition<Payload = any> {
  /** the queue its jobs wait in (default: `default`); name the receiver it waits for: mail, ants, payments, batch… */
  queue?: string
  /**
   * Jobs with the same ordering key run one after the other, in the order
   * they were enqueued (the confirmation of an appointment before its
   * reminder, an ANTS withdrawal before the new declaration). Null: no order.
   */
  orderingKey?: (payload: Payload) => string | null
  /** attempts before the job is dead (default 8) */
  maxAttempts?: number
  /** seconds to wait after failed attempt n (default: exponential, see backoffSeconds) */
  backoff?: (attempts: number) => number
  handle(payload: Payload, context: JobContext): Promise<void>
}

/**
 * Where a manifest's job handler lives, imported on first use (not when the
 * manifest loads, so manifests stay light and free of import cycles):
 * `() => import('./jobs/purge_drafts.js')` for a file whose default export is
 * the definition, or `() => import('./jobs/ants_sync.js').then((file) => file.antsDeclareJob)`.
 */
export type JobLoader = () => Promise<JobDefinition<any> | { default: JobDefinition<any> }>

/** A recurring run of a job, e.g. `{ job: 'purge_drafts', every: 'daily 03:00' }` (see parseEvery). */
export interface ScheduleDeclaration {
  job: string
  every: Every
}

declare module '#core/modules/define_module' {
  interface ModuleExtensions {
    /** the module's job handlers by name: `{ purge_drafts: () => import('./jobs/purge_drafts.js') }` */
    jobs?: Record<string, JobLoader>
    /** recurring runs of jobs, enqueued once per due time by the scheduler: `[{ job: 'purge_drafts', every: 'daily 03:00' }]` */
    schedules?: ScheduleDeclaration[]
  }
}

/**
 * Types a job handler. Handlers must be safe to run again: a worker that
 * dies after the effect but before recording success runs the job again (the
 * idempotency key lets receivers notice).
 */
export function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  return definition
}

export function queueOf(definition: Pick<JobDefinition, 'queue'>) {
  return definition.queue ?? DEFAULT_QUEUE
}

export interface RegisteredSchedule {
  job: string
  every: Every
  cadence: Cadence
  /** the module that declares it */
  module: string
}

interface Entry {
  module: string
  load: JobLoader
  definition?: JobDefinition
}

/**
 * The job types and schedules of a set of modules (the enabled ones, see
 * `jobRegistry()`): the jobs runtime knows no business module, it reads what
 * their manifests declare. A disabled brick's jobs are unknown here: enqueuing
 * one is refused, and a worker fails one already queued, with its usual
 * retries, until the brick is enabled again or the job is dead.
 */
export class JobRegistry {
  #entries = new Map<string, Entry>()
  #schedules: RegisteredSchedule[] = []
  /** job names declared by modules installed but left out of this registry (disabled bricks), with their module */
  #elsewhere = new Map<string, string>()

  /** Reads the `jobs` and `schedules` of these modules; `others` are the installed modules left out. */
  static fromModules(enabled: readonly LoadedModule[], others: readonly LoadedModule[] = []) {
    const registry = new JobRegistry()
    for (const { definition } of enabled) {
      for (const [name, load] of Object.entries(definition.jobs ?? {}))
        registry.#add(name, definition.name, load)
    }
    for (const { definition } of enabled) {
      for (const schedule of definition.schedules ?? [])
        registry.#schedule(schedule, definition.name)
    }
    for (const { definition } of others) {
      for (const name of Object.keys(definition.jobs ?? {}))
        if (!registry.has(name)) registry.#elsewhere.set(name, definition.name)
    }
    return registry
  }

  #add(name: string, module: string, load: JobLoader, definition?: JobDefinition) {
    const existing = this.#entries.get(name)
    if (existing && existing.module !== module) {
      throw new Error(
        `Modules "${existing.module}" and "${module}" both declare a job named "${name}"`
      )
    }
    this.#entries.set(name, { module, load, definition })
  }

  #schedule(schedule: ScheduleDeclaration, module: string) {
    if (!this.#entries.has(schedule.job)) {
      throw new Error(
        `Module "${module}" schedules the job "${schedule.job}", which no enabled module declares`
      )
    }
    // parseEvery throws on a typo: the boot fails, not the night run.
    this.#schedules.push({
      job: schedule.job,
      every: schedule.every,
      cadence: parseEvery(schedule.every),
      module,
    })
  }

  /** Adds a job type outside any manifest (tests only: modules declare theirs in their manifest). */
  register(name: string, definition: JobDefinition, module = 'tests') {
    this.#add(name, module, async () => definition, definition)
  }

  has(name: string) {
    return this.#entries.has(name)
  }

  names() {
    return [...this.#entries.keys()]
  }

  /** The module that declares a job type (also when that module is disabled). */
  moduleOf(name: string) {
    return this.#entries.get(name)?.module ?? this.#elsewhere.get(name)
  }

  schedules(): readonly RegisteredSchedule[] {
    return this.#schedules
  }

  /** A job type's definition, importing its file the first time; undefined when no enabled module declares it. */
  async definition(name: string): Promise<JobDefinition | undefined> {
    const entry = this.#entries.get(name)
    if (!entry) return undefined
    if (!entry.definition) {
      const loaded = await entry.load()
      const definition = 'handle' in loaded ? loaded : loaded.default
      if (typeof definition?.handle !== 'function') {
        throw new Error(
          `Module "${entry.module}": the job "${name}" does not load a defineJob({ handle }) definition`
        )
      }
      entry.definition = definition
    }
    return entry.definition
  }

  /** Why no handler is known for a job type, in words an admin reads on the job's page. */
  unknown(name: string) {
    const module = this.#elsewhere.get(name)
    return module
      ? `its module "${module}" is disabled (PARVIS_BRICKS)`
      : `no enabled module declares it in the jobs of its manifest`
  }

  /** Every job type, by queue (`default` always among them); imports every handler. */
  async queues(): Promise<Map<string, string[]>> {
    const queues = new Map<string, string[]>([[DEFAULT_QUEUE, []]])
    for (const name of this.#entries.keys()) {
      const queue = queueOf((await this.definition(name))!)
      queues.set(queue, [...(queues.get(queue) ?? []), name])
    }
    return queues
  }
}

/* Job types tests add by hand; kept when the registry is rebuilt. */
const registeredByHand = new Map<string, JobDefinition>()
let current: { key: string; registry: JobRegistry } | null = null

/**
 * The registry of this process, built from the enabled modules' manifests
 * (rebuilt when the enabled bricks change, so a brick disabled at runtime
 * loses its jobs and schedules).
 */
export function jobRegistry(): JobRegistry {
  const enabled = modules.enabledModules()
  const key = enabled.map((module) => module.definition.name).join(',')
  if (current?.key !== key) {
    const registry = JobRegistry.fromModules(
      enabled,
      modules.modules().filter((module) => !enabled.includes(module))
    )
    for (const [name, definition] of registeredByHand) registry.register(name, definition)
    current = { key, registry }
  }
  return current.registry
}

/** Adds a job type to this process's registry (tests only: modules declare theirs in their manifest). */
export function registerJob<Payload>(name: string, definition: JobDefinition<Payload>) {
  const existing = registeredByHand.get(name)
  if (existing && existing !== definition)
    throw new Error(`A job named "${name}" is already registered`)
  registeredByHand.set(name, definition)
  jobRegistry().register(name, definition)
  return definition
}
