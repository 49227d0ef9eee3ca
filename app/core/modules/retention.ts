import type { DateTime } from 'luxon'

export type RetentionUnit = 'days' | 'months' | 'years'

/**
 * One kind of personal data a module keeps, declared in its manifest
 * (`retention: [...]`): how long it is kept and after what, and how it is
 * purged. The period is a setting of the module (`retention_<key>`, edited in
 * /agents/admin/reglages, `default` until an admin changes it); the jobs
 * module purges every declared kind each night (purge_personal_data) and the
 * portal lists them on /donnees-personnelles, so what residents read is
 * what runs.
 */
export interface RetentionDeclaration {
  /** snake_case, unique within the module */
  key: string
  /** i18n key: what is kept ("Vos rendez-vous") */
  label: string
  /** i18n key: when the period starts ("après la date du rendez-vous") */
  start: string
  unit: RetentionUnit
  default: number
  /** the longest period an admin may set (the shortest is 1) */
  max?: number
  /**
   * Deletes what expired before `limit` (now minus the period in force) and
   * returns how many items went. Works in batches, each batch in its own
   * transaction, so a long purge never holds a lock for long; files go
   * through Drive once their rows are gone.
   */
  purge(limit: DateTime): Promise<number>
}

/** Rows a purge reads and deletes per transaction. */
export const RETENTION_BATCH = 500

export function retentionSettingKey(key: string) {
  return `retention_${key}`
}

/** The moment before which a kind's items have expired. */
export function retentionLimit(now: DateTime, amount: number, unit: RetentionUnit) {
  return now.minus({ [unit]: amount })
}
