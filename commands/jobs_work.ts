import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * A worker process for the jobs outbox: run as many as needed, on any
 * machine, against PostgreSQL. One loop per queue, so a receiver that hangs
 * (an SMTP server that never answers) holds its own queue only, and the
 * scheduler, which enqueues each recurring run once however many workers
 * run (unless --no-schedules). Stops
 * cleanly on SIGTERM or SIGINT: the jobs at hand finish, nothing more is
 * claimed. Killed outright, its jobs go to another worker once its heartbeat
 * has been silent for JOBS_STALE_AFTER_SECONDS.
 */
export default class JobsWork extends BaseCommand {
  static commandName = 'jobs:work'
  static description = 'Run background jobs until stopped'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.number({
    description: 'Milliseconds between two polls when nothing is due',
    default: 1000,
  })
  declare pollInterval: number

  @flags.number({ description: 'Jobs claimed at a time by each loop', default: 10 })
  declare batchSize: number

  @flags.number({ description: 'Claim-and-run loops in parallel for each queue', default: 1 })
  declare concurrency: number

  @flags.array({ description: 'Queues to run (default: all), e.g. --queues=mail --queues=ants' })
  declare queues?: string[]

  @flags.boolean({
    description: 'Enqueue the recurring jobs the enabled modules schedule',
    default: true,
  })
  declare schedules: boolean

  async run() {
    const { Worker } = await import('#jobs/worker')
    const { Scheduler } = await import('#jobs/scheduler')
    const { jobRegistry } = await import('#jobs/registry')
    const known = await jobRegistry().queues()
    const queues = this.queues
      ?.flatMap((entry) => entry.split(','))
      .map((entry) => entry.trim())
      .filter(Boolean)
    const unknown = (queues ?? []).filter((queue) => !known.has(queue))
    if (unknown.length) {
      this.logger.error(
        `unknown queue(s): ${unknown.join(', ')} (known: ${[...known.keys()].join(', ')})`
      )
      this.exitCode = 1
      await this.terminate()
      return
    }
    const worker = new Worker({
      pollIntervalMs: this.pollInterval,
      batchSize: this.batchSize,
      concurrency: this.concurrency,
      queues,
      keepAlive: true,
      scheduler: this.schedules ? new Scheduler() : undefined,
    })
    // The framework terminates the app on SIGTERM; the worker finishes its jobs before the database closes.
    this.app.terminating(() => worker.stop())
    process.once('SIGINT', () => this.app.terminate())
    await worker.start()
    this.logger.success(
      `worker ${worker.id} started (${this.concurrency} loop(s) per queue, polling every ${this.pollInterval} ms)`
    )
    for (const queue of worker.queues)
      this.logger.info(`queue ${queue}: ${(known.get(queue) ?? []).join(', ') || '(no job type)'}`)
    if (this.schedules) {
      for (const schedule of jobRegistry().schedules())
        this.logger.info(`schedule ${schedule.job}: ${schedule.every} (${schedule.module})`)
    }
  }
}
