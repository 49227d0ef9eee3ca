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
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50) return 'webp'
  return null
}

export const MIME_TYPES: Record<SniffedKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
}
