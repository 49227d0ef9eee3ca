import { BaseSchema } from '@adonisjs/lucid/schema'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

const ACTIVITY = [
  'id',
  'kind',
  'name',
  'description',
  'min_age',
  'max_age',
  'pricing',
  'prices',
  'opens_on',
  'closes_on',
  'active',
]
const SESSION = ['id', 'activity_id', 'label', 'starts_on', 'ends_on', 'capacity', 'closed']
const REGISTRATION = [
  'id',
  'session_id',
  'household_member_id',
  'user_id',
  'status',
  'accepted_at',
  'attendance',
  'created_at',
  'updated_at',
]

const MOVES = [
  { from: 'childhood_activities', to: 'activities', columns: ACTIVITY },
  { from: 'childhood_sessions', to: 'activity_sessions', columns: SESSION },
  { from: 'childhood_registrations', to: 'activity_registrations', columns: REGISTRATION },
]

/** Copies rows keeping their ids, then moves PostgreSQL's id sequence past them. */
async function copy(
  db: QueryClientContract,
  from: string,
  to: string,
  columns: string[],
  owner?: string
) {
  const rows = await db.from(from).select(columns).orderBy('id')
  for (let index = 0; index < rows.length; index += 200) {
    const batch = rows.slice(index, index + 200).map((row) => (owner ? { ...row, owner } : row))
    await db.table(to).multiInsert(batch)
  }
  if (db.dialect.name === 'postgres' && rows.length)
    await db.rawQuery(
      `SELECT setval(pg_get_serial_sequence('${to}', 'id'), (SELECT MAX(id) FROM ${to}))`
    )
}

/**
 * Childhood's activities, sessions and registrations move to the shared
 * activities engine's tables (owner `childhood`), ids kept so that links,
 * audit entries and invoices still point at the same rows; the old tables
 * go. Down copies childhood's rows back.
 */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      for (const move of MOVES) await copy(db, move.from, move.to, move.columns, 'childhood')
    })
    this.schema.dropTable('childhood_registrations')
    this.schema.dropTable('childhood_sessions')
    this.schema.dropTable('childhood_activities')
  }

  async down() {
    this.schema.createTable('childhood_activities', (table) => {
      table.increments('id')
      table.string('kind', 20).notNullable()
      table.string('name', 150).notNullable()
      table.text('description').nullable()
      table.integer('min_age').notNullable().defaultTo(3)
      table.integer('max_age').notNullable().defaultTo(11)
      table.string('pricing', 12).notNullable().defaultTo('session')
      table.text('prices').notNullable()
      table.string('opens_on', 10).notNullable()
      table.string('closes_on', 10).notNullable()
      table.boolean('active').notNullable().defaultTo(true)
    })
    this.schema.createTable('childhood_sessions', (table) => {
      table.increments('id')
      table
        .integer('activity_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('childhood_activities')
        .onDelete('CASCADE')
      table.string('label', 150).notNullable()
      table.string('starts_on', 10).notNullable()
      table.string('ends_on', 10).notNullable()
      table.integer('capacity').notNullable()
      table.boolean('closed').notNullable().defaultTo(false)
      table.index(['activity_id'])
    })
    this.schema.createTable('childhood_registrations', (table) => {
      table.increments('id')
      table
        .integer('session_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('childhood_sessions')
        .onDelete('CASCADE')
      table
        .integer('household_member_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('household_members')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('status', 12).notNullable()
      table.timestamp('accepted_at', { useTz: true }).nullable()
      table.text('attendance').notNullable().defaultTo('{}')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['session_id', 'status', 'id'])
      table.index(['user_id'])
    })
    this.defer(async (db) => {
      for (const move of MOVES) {
        const rows = await db
          .from(move.to)
          .where('owner', 'childhood')
          .select(move.columns)
          .orderBy('id')
        if (rows.length) await db.table(move.from).multiInsert(rows)
        if (db.dialect.name === 'postgres' && rows.length)
          await db.rawQuery(
            `SELECT setval(pg_get_serial_sequence('${move.from}', 'id'), (SELECT MAX(id) FROM ${move.from}))`
          )
      }
      for (const move of [...MOVES].reverse())
        await db.from(move.to).where('owner', 'childhood').delete()
    })
  }
}
