import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { defineJob } from '#jobs/registry'
import { backupSqlite } from '#core/database/sqlite_backup'
import { engineOf } from '#core/database/dialect'

/** Where backups go: BACKUP_DIR, else DATA_DIR/backups (`npm start`), else tmp/backups. */
export function backupFolder() {
  const dataDir = env.get('DATA_DIR')
  return env.get('BACKUP_DIR') ?? (dataDir ? `${dataDir}/backups` : app.makePath('tmp/backups'))
}

export function backupsKept() {
  return env.get('BACKUP_KEEP', 14)
}

/** The nightly copy of the embedded database (scheduled in the jobs manifest on SQLite). */
export const backupDatabaseJob = defineJob<Record<string, never>>({
  queue: 'batch',
  maxAttempts: 3,
  async handle(_payload, { now }) {
    if (engineOf() !== 'sqlite') return
    const { file, removed } = await backupSqlite(backupFolder(), backupsKept(), now)
    logger.info({ file, removed: removed.length }, 'database backed up')
  },
})

export default backupDatabaseJob
