import type { SniffedKind } from '#demands/procedures/define_procedure'

/**
 * What a file really is, read from its first bytes, never from its name or
 * the type the browser claims: an .exe renamed .pdf starts with "MZ", not
 * "%PDF-". SVG is never accepted: it is text that can carry scripts.
 */
export function sniffFileKind(head: Uint8Array): SniffedKind | null {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte)
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf'
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg'
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png'
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    head[8] === 0x57 &&
    head[9] === 0x45 &&
    head[10] === 0x42 &&
    head[11] === 0x50
  )
    return 'webp'
  return null
}

export const MIME_TYPES: Record<SniffedKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
}

/** The extension a file of each kind is stored and downloaded under, whatever it was called. */
export const EXTENSIONS: Record<SniffedKind, string> = {
  pdf: 'pdf',
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
}

/** Other spellings of the same kind, kept when a name already uses them (photo.jpeg stays photo.jpeg). */
const SPELLINGS: Record<SniffedKind, string[]> = {
  pdf: ['pdf'],
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  webp: ['webp'],
}

/** The kind of a stored file, from the extension it was stored under (see storeUpload). */
export function kindOfStoredName(name: string): SniffedKind | null {
  const extension = name.split('/').pop()!.split('.').slice(1).pop()?.toLowerCase() ?? ''
  return (
    (Object.keys(SPELLINGS) as SniffedKind[]).find((kind) => SPELLINGS[kind].includes(extension)) ??
    null
  )
}

/**
 * The name a file is given back under: the name it was sent with, its
 * extension replaced by the one of what it really is, so that
 * "facture.cmd" holding a PDF is saved as "facture.pdf" and never run as a
 * script, and "polyglot.html" never opens as a page.
 */
export function nameForKind(name: string, kind: SniffedKind) {
  const dot = name.lastIndexOf('.')
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
  if (SPELLINGS[kind].includes(extension)) return name
  const base = (dot > 0 ? name.slice(0, dot) : name).replace(/[.\s]+$/, '') || 'fichier'
  return `${base}.${EXTENSIONS[kind]}`
}
