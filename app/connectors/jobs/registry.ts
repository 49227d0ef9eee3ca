export interface JobContext {
  jobId: number
  /** 1 on the first run, 2 on the first retry… */
  attempt: number
  idempotencyKey: string
  /** the worker's clock (tests move it ahead to run later jobs) */
  now: import('luxon').DateTime
}

export interface JobDefinition<Payload = any> {
  name: string
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
