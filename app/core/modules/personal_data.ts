import type { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RetentionUnit } from '#core/modules/retention'

/** A period in force for one of the module's retention kinds (see RetentionDeclaration). */
export interface RetentionPeriod {
  amount: number
  unit: RetentionUnit
}

interface PersonalDataContextBase {
  userId: number
  /** the resident's e-mail address (some logs name people by address only) */
  email: string
  now: DateTime
  /** the period in force for one of this module's `retention` kinds, by key */
  retention(key: string): RetentionPeriod | undefined
}

export interface PersonalDataExportContext extends PersonalDataContextBase {
  client: QueryClientContract
}

export interface PersonalDataEraseContext extends PersonalDataContextBase {
  /** the transaction of the whole deletion: every module's part is one */
  client: TransactionClientContract
}

/** A stored file to copy into the archive (`path` inside the module's folder of the archive). */
export interface PersonalDataFile {
  path: string
  storageKey: string
}

export interface PersonalDataExport {
  /** one JSON object per item, as the resident would read it (no internal secret, no hash) */
  rows: Record<string, unknown>[]
  files?: PersonalDataFile[]
}

/** What a deletion keeps, and why and until when: shown before and after deleting. */
export interface KeptData {
  /** i18n key: what is kept ("Vos factures payées") */
  label: string
  count: number
  /** i18n key: why and how it is kept ("détachées de votre compte, pour la comptabilité publique") */
  reason: string
  /** the last moment it is kept; null when it depends on something still to happen (a demand not yet closed) */
  until: DateTime | null
  /** i18n key: when `until` is null, what the end depends on */
  untilText?: string
}

/**
 * One kind of personal data a module holds about a resident, declared in its
 * manifest (`personalData: [...]`) so that the resident's archive and the
 * deletion of their account cover every module, bricks included, without the
 * core knowing any of them. `tables` lists the tables whose rows it exports
 * and erases: a test enumerates the database's tables and fails on one that
 * holds a resident's rows and no declaration names.
 */
export interface PersonalDataDeclaration {
  /** snake_case, unique within the module: the archive holds `<module>/<key>.json` */
  key: string
  /** i18n key of the kind ("Vos demandes"), for the PDF summary */
  label: string
  tables: string[]
  export(context: PersonalDataExportContext): Promise<PersonalDataExport>
  /** what deleting the account will keep (or kept) of this kind; nothing when absent */
  kept?(context: PersonalDataExportContext): Promise<KeptData[]>
  /**
   * Deletes what no rule requires to keep, detaches and anonymises the rest,
   * inside the deletion's transaction; returns the stored files to remove
   * once it commits.
   */
  erase(context: PersonalDataEraseContext): Promise<string[] | void>
}

/** A JSON column as stored: an object on PostgreSQL, its text on SQLite. */
export function jsonColumn(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}
