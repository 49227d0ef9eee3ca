import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * A backup of the embedded SQLite database now, besides the nightly one:
 * before an update, say. Prints the file written.
 */
export default class ParvisBackup extends BaseCommand {
  static commandName = 'parvis:backup'
  static description = 'Copy the SQLite database into the backups folder now (PostgreSQL: pg_dump)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Folder to write into (default: BACKUP_DIR or DATA_DIR/backups)' })
  declare to?: string

  async run() {
    const { backupSqlite } = await import('#core/database/sqlite_backup')
    const { engineOf } = await import('#core/database/dialect')
    const { backupFolder, backupsKept } = await import('#jobs/jobs/backup_database')
    if (engineOf() !== 'sqlite') {
      this.logger.error('The database is PostgreSQL: back it up with pg_dump.')
      this.exitCode = 1
      return
    }
    const { file, removed } = await backupSqlite(this.to ?? backupFolder(), backupsKept())
    this.logger.success(`Backup written: ${file}`)
    for (const name of removed) this.logger.info(`Older backup removed: ${name}`)
  }
}
