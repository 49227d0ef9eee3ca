import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import { createAgent } from '#tests/support/factories/accounts'
import Decree, { type DecreeKind } from '../models/decree.js'
import { decreeSearchText, writePlaces } from '../actions/save_decree_draft.js'
import RegisterDecree from '../actions/register_decree.js'
import { sha256OfBytes } from '../services/decree_files.js'
import db from '@adonisjs/lucid/services/db'

/** A small but real PDF, different for each text. */
export function pdfBytes(text = 'Arrêté') {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${encodeURIComponent(text)}\ntrailer << >>\n%%EOF\n`
  )
}

/** An agent of the police service who keeps the register. */
export function registrar() {
  return createAgent({
    services: ['tranquillite_publique'],
    permissions: ['police.decrees.manage'],
  })
}

/** A draft written straight into the register (with its PDF on the disk). */
export async function draftDecree(
  fields: Partial<{
    title: string
    kind: DecreeKind
    places: string
    startsOn: string | null
    endsOn: string | null
    signedOn: string
    residentId: number | null
  }> = {}
) {
  const bytes = pdfBytes(fields.title ?? randomUUID())
  const storageKey = `police/decrees/${randomUUID()}.pdf`
  await drive.use().put(storageKey, bytes)
  const title = fields.title ?? 'Réglementation du marché du samedi'
  const kind = fields.kind ?? 'reglementaire'
  const places = fields.places ?? ''
  const decree = await Decree.create({
    title,
    kind,
    signatory: 'Le maire',
    signedOn: fields.signedOn ?? '2026-12-01',
    startsOn: fields.startsOn ?? null,
    endsOn: fields.endsOn ?? null,
    places,
    searchText: decreeSearchText({ title, places, kind }),
    storageKey,
    originalName: 'arrete.pdf',
    size: bytes.length,
    sha256: sha256OfBytes(bytes),
    residentId: fields.residentId ?? null,
  })
  await db.transaction((trx) => writePlaces(trx, decree))
  return decree
}

/** A draft numbered and published at once. */
export async function publishedDecree(fields: Parameters<typeof draftDecree>[0] = {}) {
  const draft = await draftDecree(fields)
  const outcome = await new RegisterDecree().handle(draft.id)
  if (!('registered' in outcome)) throw new Error(`not registered: ${outcome.refused}`)
  return outcome.registered
}
