import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The city's history of its procedures, kept when the retention purge deletes
 * demands: before a batch of demands is deleted, what /agents/statistiques
 * counts of them is added here, per year of filing, procedure, service,
 * channel, outcome and whole days of processing, with nobody in it. The
 * statistics of a year add these rows to the demands still stored.
 *
 * And the indexes the statistics read demands by: the demands filed in a
 * period (every column the figures need, so PostgreSQL answers from the
 * index alone), and the few that went past their due date (a partial index:
 * most demands are answered in time), read by closing time: the open ones
 * (null), or those closed since a period began.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('procedure_year_statistics', (table) => {
      table.increments('id')
      table.integer('year').notNullable()
      table.string('procedure_key', 80).notNullable()
      table.string('service_slug', 60).notNullable()
      table.string('channel', 20).notNullable()
      table.string('outcome', 40).notNullable()
      table.integer('processing_days').notNullable()
      table.boolean('late').notNullable()
      table.integer('demands').notNullable()
      table.unique(
        ['year', 'procedure_key', 'service_slug', 'channel', 'outcome', 'processing_days', 'late'],
        { indexName: 'procedure_year_statistics_unique' }
      )
    })
    this.schema.alterTable('demands', (table) => {
      table.index(
        ['submitted_at', 'service_slug', 'procedure_key', 'origin', 'state', 'closed_at', 'due_at'],
        'demands_statistics_filed'
      )
    })
    this.schema.raw(
      'create index demands_statistics_late on demands (closed_at, due_at, service_slug, procedure_key, submitted_at) where due_at is not null and (closed_at is null or closed_at > due_at)'
    )
  }

  async down() {
    this.schema.raw('drop index demands_statistics_late')
    this.schema.alterTable('demands', (table) => {
      table.dropIndex([], 'demands_statistics_filed')
    })
    this.schema.dropTable('procedure_year_statistics')
  }
}
