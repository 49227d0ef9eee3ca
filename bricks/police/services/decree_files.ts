import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { checkUploads, sentFiles, storeUpload } from '#demands/services/uploads'

/** The signed PDF of a decree: one file, a PDF by its first bytes, 20 MB at most. */
export const DECREE_PDF = { accept: ['pdf' as const], maxSizeMb: 20, maxFiles: 1 }

export const DECREES_FOLDER = 'police/decrees'

export interface StoredDecreePdf {
  storageKey: string
  originalName: string
  size: number
  sha256: string
}

function sha256Of(path: string) {
  return new Promise<string>((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject)
  })
}

/**
 * Checks the signed PDF an agent sent, then keeps it on the private disk with
 * the SHA-256 of its bytes, the fingerprint the public page shows. Returns
 * the i18n key of the problem when it is not a PDF the register takes.
 */
export async function storeDecreePdf(
  file: MultipartFile | MultipartFile[] | null
): Promise<{ problem: { key: string; data: Record<string, unknown> } } | StoredDecreePdf | null> {
  const files = sentFiles(file)
  if (files.length === 0) return null
  const checked = await checkUploads(files, DECREE_PDF)
  if ('problem' in checked) return checked
  const upload = checked.accepted[0]
  const sha256 = await sha256Of(upload.file.tmpPath!)
  const stored = await storeUpload(DECREES_FOLDER, upload)
  return {
    storageKey: stored.storageKey,
    originalName: stored.originalName,
    size: stored.size,
    sha256,
  }
}

export function sha256OfBytes(bytes: Uint8Array) {
  return createHash('sha256').update(bytes).digest('hex')
}
