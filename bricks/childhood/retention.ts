import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { CITY_ZONE } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import { purgeExpiredRows } from '#core/database/purge'
import { RETENTION_BATCH, type RetentionDeclaration } from '#core/modules/retention'

/** The last school year (`2025-2026`) that ended (31 August) before `limit`. */
export function lastSchoolYearEndedBefore(limit: DateTime) {
  const local = limit.setZone(CITY_ZONE)
  const endYear = local.toISODate()! > `${local.year}-08-31` ? local.year : local.year - 1
  return `${endYear - 1}-${endYear}`
}

async function deleteFiles(keys: (string | null)[]) {
  await Promise.all(
    keys
      .filter((key): key is string => Boolean(key))
      .map((key) =>
        drive
          .use()
          .delete(key)
          .catch(() => undefined)
      )
  )
}

/**
 * A CAF attestation is needed while the quotient it proves is checked and in
 * use. After the period: a quotient that was replaced by a newer validated
 * one, or refused, or never checked, goes entirely; the quotient in force
 * keeps its value (prices depend on it) but loses its document.
 */
async function purgeAttestations(limit: DateTime) {
  const removed = await purgeExpiredRows<{ id: number; document_key: string | null }>({
    table: 'childhood_quotients',
    columns: ['document_key'],
    expired: (query, trx) =>
      query
        .where('created_at', '<', dbTimestamp(limit, trx))
        .where((stale) =>
          stale
            .whereNot('status', 'validated')
            .orWhereExists((newer) =>
              newer
                .from('childhood_quotients as newer')
                .whereColumn('newer.user_id', 'childhood_quotients.user_id')
                .where('newer.status', 'validated')
                .whereColumn('newer.id', '>', 'childhood_quotients.id')
            )
        ),
    afterCommit: (rows) => deleteFiles(rows.map((row) => row.document_key)),
  })
  let emptied = 0
  for (;;) {
    const keys = await db.transaction(async (trx) => {
      const rows = await trx
        .from('childhood_quotients')
        .where('created_at', '<', dbTimestamp(limit, trx))
        .whereNotNull('document_key')
        .select('id', 'document_key')
        .orderBy('id')
        .limit(RETENTION_BATCH)
      if (rows.length === 0) return []
      await trx
        .from('childhood_quotients')
        .whereIn(
          'id',
          rows.map((row) => row.id)
        )
        .update({ document_key: null, document_name: null })
      return rows.map((row) => row.document_key as string)
    })
    if (keys.length === 0) return removed + emptied
    await deleteFiles(keys)
    emptied += keys.length
  }
}

/** What the childhood brick keeps about families and children, and for how long. */
export const childhoodRetention: RetentionDeclaration[] = [
  {
    key: 'activity_registrations',
    label: 'childhood.retention.activity_registrations',
    start: 'childhood.retention.activity_registrations_start',
    unit: 'months',
    default: 12,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'activity_registrations',
        expired: (query) =>
          query
            .where('owner', 'childhood')
            .whereIn(
              'session_id',
              db
                .from('activity_sessions')
                .where('ends_on', '<', limit.setZone(CITY_ZONE).toISODate()!)
                .select('id')
            ),
      }),
  },
  {
    key: 'canteen_registrations',
    label: 'childhood.retention.canteen_registrations',
    start: 'childhood.retention.canteen_registrations_start',
    unit: 'months',
    default: 12,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'childhood_canteen_registrations',
        // `2025-2026` sorts before `2026-2027`: school years compare as text.
        expired: (query) => query.where('school_year', '<=', lastSchoolYearEndedBefore(limit)),
      }),
  },
  {
    key: 'absences',
    label: 'childhood.retention.absences',
    start: 'childhood.retention.absences_start',
    unit: 'months',
    default: 12,
    purge: (limit) =>
      purgeExpiredRows({
        table: 'childhood_absences',
        expired: (query) => query.where('ends_on', '<', limit.setZone(CITY_ZONE).toISODate()!),
      }),
  },
  {
    key: 'attestations',
    label: 'childhood.retention.attestations',
    start: 'childhood.retention.attestations_start',
    unit: 'months',
    default: 12,
    purge: purgeAttestations,
  },
]
