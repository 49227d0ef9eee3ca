import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * A worker process for the jobs outbox: run as many as needed, on any
 * machine, against PostgreSQL. Stops cleanly on SIGTERM or SIGINT after the
 * job at hand.
 */
export default class JobsWork extends BaseCommand {
  static commandName = 'jobs:work'
  static description = 'Run background jobs until stopped'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.number({ description: 'Milliseconds between two polls when nothing is due', default: 1000 })
  declare pollInterval: number

  @flags.number({ description: 'Jobs claimed at a time', default: 10 })
  declare batchSize: number

  async run() {
    const { Worker } = await import('#connectors/jobs/worker')
    const worker = new Worker({ pollIntervalMs: this.pollInterval, batchSize: this.batchSize })
    const stop = async () => {
      this.logger.info('stopping after the current job…')
      await worker.stop()
      await this.terminate()
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
    worker.start()
    this.logger.success(`worker ${worker.id} started`)
  }
}
