import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { clock } from '#core/clock'

/**
 * A worker process for the jobs outbox: run as many as needed, on any
 * machine, against PostgreSQL. Stops cleanly on SIGTERM or SIGINT: the jobs
 * at hand finish, nothing more is claimed.
 */
export default class JobsWork extends BaseCommand {
  static commandName = 'jobs:work'
  static description = 'Run background jobs until stopped'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.number({ description: 'Milliseconds between two polls when nothing is due', default: 1000 })
  declare pollInterval: number

  @flags.number({ description: 'Jobs claimed at a time by each loop', default: 10 })
  declare batchSize: number

  @flags.number({ description: 'Claim-and-run loops in parallel in this process', default: 1 })
  declare concurrency: number

  async run() {
    const { Worker } = await import('#connectors/jobs/worker')
    const worker = new Worker({
      pollIntervalMs: this.pollInterval,
      batchSize: this.batchSize,
      concurrency: this.concurrency,
      keepAlive: true,
    })
    let stopping = false
    const stop = async () => {
      if (stopping) return
      stopping = true
      this.logger.info('stopping after the jobs at hand…')
      await worker.stop()
      await this.terminate()
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
    const { scheduleMaintenance } = await import('#connectors/jobs/maintenance')
    await scheduleMaintenance(clock.now())
    worker.start()
    this.logger.success(`worker ${worker.id} started (${this.concurrency} loop(s), polling every ${this.pollInterval} ms)`)
  }
}
