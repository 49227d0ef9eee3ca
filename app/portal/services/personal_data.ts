import { DateTime } from 'luxon'
import yazl from 'yazl'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type { I18n } from '@adonisjs/i18n'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import modules from '#core/services/modules'
import { retentionInForce } from '#jobs/personal_data'
import { cityDocument } from '#core/services/pdf'
import { CITY_ZONE } from '#core/clock'
import type {
  KeptData,
  PersonalDataDeclaration,
  RetentionPeriod,
} from '#core/modules/personal_data'

export interface PersonalDataKind {
  module: string
  declaration: PersonalDataDeclaration
}

export interface Resident {
  id: number
  email: string
}

/**
 * Every kind of personal data the installed modules declare (a disabled
 * brick still holds what it collected: it is exported and erased too). The
 * accounts module comes last, since erasing it deletes the account the
 * others' rows point to.
 */
export function personalDataKinds(): PersonalDataKind[] {
  const kinds = modules.modules().flatMap(({ definition }) =>
    (definition.personalData ?? []).map((declaration) => ({
      module: definition.name,
      declaration,
    }))
  )
  return [
    ...kinds.filter((kind) => kind.module !== 'accounts'),
    ...kinds.filter((kind) => kind.module === 'accounts'),
  ]
}

/** Each module's retention periods in force, so each declaration reads its own. */
async function retentionOf() {
  const periods = new Map<string, RetentionPeriod>()
  for (const { module, declaration, amount } of await retentionInForce())
    periods.set(`${module}.${declaration.key}`, { amount, unit: declaration.unit })
  return (module: string) => (key: string) => periods.get(`${module}.${key}`)
}

export interface KeptRow extends KeptData {
  module: string
}

/** What deleting this resident's account keeps, why and until when (shown before and after). */
export async function keptData(
  resident: Resident,
  now: DateTime,
  client: QueryClientContract = db.connection(),
  /** read before a transaction is opened: SQLite has one connection, busy with it */
  retentionLookup?: Awaited<ReturnType<typeof retentionOf>>
): Promise<KeptRow[]> {
  const retention = retentionLookup ?? (await retentionOf())
  const rows: KeptRow[] = []
  for (const { module, declaration } of personalDataKinds()) {
    if (!declaration.kept) continue
    const kept = await declaration.kept({
      userId: resident.id,
      email: resident.email,
      now,
      client,
      retention: retention(module),
    })
    rows.push(...kept.map((item) => ({ ...item, module })))
  }
  return rows
}

/**
 * Deletes the account in one transaction: each module deletes what no rule
 * keeps and detaches the rest, the account and every session last. Stored
 * files go once it has committed (a failure keeps them with their rows).
 * Returns what was kept.
 */
export async function eraseResident(
  resident: Resident,
  now: DateTime,
  /** written in the same transaction (the audit entry of an agent's deletion) */
  alongside?: (trx: TransactionClientContract, kept: KeptRow[]) => Promise<unknown>
) {
  const retention = await retentionOf()
  const { kept, files } = await db.transaction(async (trx) => {
    const before = await keptData(resident, now, trx, retention)
    const stale: string[] = []
    for (const { module, declaration } of personalDataKinds()) {
      const removed = await declaration.erase({
        userId: resident.id,
        email: resident.email,
        now,
        client: trx,
        retention: retention(module),
      })
      stale.push(...(removed ?? []))
    }
    await alongside?.(trx, before)
    return { kept: before, files: stale }
  })
  await Promise.all(
    files.map((key) =>
      drive
        .use()
        .delete(key)
        .catch(() => undefined)
    )
  )
  return kept
}

function zipBytes(zip: yazl.ZipFile) {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk))
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)))
    zip.outputStream.on('error', reject)
    zip.end()
  })
}

/**
 * The resident's archive: `<module>/<kind>.json` for every kind, the stored
 * files of each under `<module>/<kind>/`, and `resume.pdf`, a readable
 * summary of what is inside.
 */
export async function buildArchive(
  resident: Resident & { firstName: string; lastName: string },
  now: DateTime,
  i18n: I18n
) {
  const retention = await retentionOf()
  const zip = new yazl.ZipFile()
  const client = db.connection()
  const counts: { label: string; items: number; files: number }[] = []
  for (const { module, declaration } of personalDataKinds()) {
    const { rows, files = [] } = await declaration.export({
      userId: resident.id,
      email: resident.email,
      now,
      client,
      retention: retention(module),
    })
    zip.addBuffer(Buffer.from(JSON.stringify(rows, null, 2)), `${module}/${declaration.key}.json`)
    let stored = 0
    for (const file of files) {
      // A file gone from the disk (restored from an older backup) is left out, not a failed archive.
      if (!(await drive.use().exists(file.storageKey))) continue
      zip.addBuffer(
        Buffer.from(await drive.use().getBytes(file.storageKey)),
        `${module}/${declaration.key}/${file.path}`
      )
      stored++
    }
    counts.push({ label: declaration.label, items: rows.length, files: stored })
  }
  zip.addBuffer(await summaryPdf(resident, now, counts, i18n), 'resume.pdf')
  return zipBytes(zip)
}

async function summaryPdf(
  resident: Resident & { firstName: string; lastName: string },
  now: DateTime,
  counts: { label: string; items: number; files: number }[],
  i18n: I18n
) {
  const title = i18n.t('portal.my_data.pdf.title')
  const { doc, bytes } = cityDocument({
    title,
    keywords: 'RGPD',
    lang: i18n.locale,
  })
  doc.font('Helvetica-Bold').fontSize(16).text(title)
  doc.moveDown()
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      i18n.t('portal.my_data.pdf.intro', {
        name: `${resident.firstName} ${resident.lastName}`,
        email: resident.email,
        date: now.setZone(CITY_ZONE).setLocale(i18n.locale).toLocaleString(DateTime.DATETIME_MED),
      })
    )
  doc.moveDown()
  for (const count of counts) {
    doc
      .font('Helvetica-Bold')
      .text(i18n.t(count.label), { continued: true })
      .font('Helvetica')
      .text(` : ${i18n.t('portal.my_data.pdf.count', { items: count.items, files: count.files })}`)
  }
  doc.moveDown()
  doc.text(i18n.t('portal.my_data.pdf.outro'))
  doc.end()
  return bytes
}
