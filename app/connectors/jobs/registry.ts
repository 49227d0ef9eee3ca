export interface JobContext {
  jobId: number
  /** 1 on the first run, 2 on the first retry… */
  attempt: number
  idempotencyKey: string
  /** the worker's clock (tests move it ahead to run later jobs) */
  now: import('luxon').DateTime
}

/**
 * Queues keep slow or failing receivers apart: a worker runs one loop per
 * queue, so an SMTP server that never answers holds the `mail` loop only,
 * never ANTS declarations or payment checks. `default` takes quick work that
 * only touches the database (rendering a mail, planning the next ones).
 */
export const DEFAULT_QUEUE = 'default'

export interface JobDefinition<Payload = any> {
  name: string
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

const definitions = new Map<string, JobDefinition>()

/**
 * Declares a kind of job. Handlers must be safe to run again: a worker that
 * dies after the effect but before recording success runs the job again (the
 * idempotency key lets receivers notice).
 */
export function defineJob<Payload>(definition: JobDefinition<Payload>) {
  if (definitions.has(definition.name) && definitions.get(definition.name) !== definition) {
    throw new Error(`A job named "${definition.name}" is already defined`)
  }
  definitions.set(definition.name, definition)
  return definition
}

export function jobDefinition(name: string) {
  return definitions.get(name)
}

export function queueOf(definition: Pick<JobDefinition, 'queue'>) {
  return definition.queue ?? DEFAULT_QUEUE
}

/** Every job type defined in this process, by queue (`default` always among them). */
export function jobQueues(): Map<string, string[]> {
  const queues = new Map<string, string[]>([[DEFAULT_QUEUE, []]])
  for (const definition of definitions.values()) {
    const queue = queueOf(definition)
    queues.set(queue, [...(queues.get(queue) ?? []), definition.name])
  }
  return queues
}
