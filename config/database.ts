import { existsSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import bricksConfig from '#config/bricks'
import { beginSqliteTransactionsImmediately } from '#core/database/sqlite_transactions'
import { readTimestampsFast } from '#core/database/pg_timestamps'

/*
 * Core migrations first, then each installed brick's own folder
 * (`migrations.paths` takes folders, not globs).
 */
const migrationPaths = [
  'database/migrations',
  ...bricksConfig.installed
    .map((root) => `${root}/database/migrations`)
    .filter((folder) => existsSync(app.makePath(folder))),
]

beginSqliteTransactionsImmediately()
readTimestampsFast()

/** The SQLite file: SQLITE_PATH, else parvis.sqlite3 in DATA_DIR (set by `npm start`), else under tmp/ (development, tests). */
const dataDir = env.get('DATA_DIR')
const sqlitePath = env.get(
  'SQLITE_PATH',
  app.inTest ? 'tmp/test.sqlite3' : dataDir ? join(dataDir, 'parvis.sqlite3') : 'tmp/db.sqlite3'
)

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION', 'sqlite'),
  prettyPrintDebugQueries: false,
  connections: {
    sqlite: {
      client: 'better-sqlite3',
      connection: {
        filename: isAbsolute(sqlitePath) ? sqlitePath : app.makePath(sqlitePath),
      },
      useNullAsDefault: true,
      migrations: { naturalSort: true, paths: migrationPaths },
      seeders: { paths: ['database/seeders'] },
      pool: {
        afterCreate: (connection: any, done: (error: Error | null, connection: any) => void) => {
          // WAL lets readers proceed while one writer commits; busy_timeout makes
          // concurrent writers wait for the lock instead of failing at once.
          connection.pragma('journal_mode = WAL')
          connection.pragma('busy_timeout = 5000')
          connection.pragma('foreign_keys = ON')
          connection.pragma('synchronous = NORMAL')
          done(null, connection)
        },
      },
    },
    pg: {
      client: 'pg',
      connection: {
        host: env.get('DB_HOST', '127.0.0.1'),
        port: env.get('DB_PORT', 5432),
        user: env.get('DB_USER', 'postgres'),
        password: env.get('DB_PASSWORD', ''),
        database: env.get('DB_DATABASE', app.inTest ? 'parvis_test' : 'parvis'),
        ssl: env.get('DB_SSL', false) ? { rejectUnauthorized: false } : false,
      },
      pool: { min: 0, max: 10 },
      migrations: { naturalSort: true, paths: migrationPaths },
      seeders: { paths: ['database/seeders'] },
    },
  },
})

export default dbConfig
