import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'

/** Backups are named by their Paris day: `parvis-2026-12-06.sqlite3`. */
const BACKUP_NAME = /^parvis-\d{4}-\d{2}-\d{2}\.sqlite3$/

export interface BackupResult {
  file: string
  removed: string[]
}

/**
 * A consistent copy of the SQLite database, taken while the portal runs:
 * `VACUUM INTO` reads one snapshot (writers go on), writes a compact file
 * under a temporary name, then renames it, so a file named like a backup is
 * always whole. A second backup the same day replaces the first. Only the
 * `keep` latest backups stay in the folder.
 */
export async function backupSqlite(
  folder: string,
  keep: number,
  now: DateTime = clock.now()
): Promise<BackupResult> {
  await mkdir(folder, { recursive: true })
  const file = join(folder, `parvis-${now.setZone('Europe/Paris').toISODate()}.sqlite3`)
  const partial = `${file}.partial`
  await rm(partial, { force: true })
  await db.rawQuery('VACUUM INTO ?', [partial])
  await rename(partial, file)
  const backups = (await readdir(folder)).filter((name) => BACKUP_NAME.test(name)).sort()
  const removed = backups.slice(0, Math.max(0, backups.length - Math.max(1, keep)))
  for (const name of removed) await rm(join(folder, name), { force: true })
  return { file, removed }
}
