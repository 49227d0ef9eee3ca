import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { checkUploads, sentFiles, type UploadRules } from '#demands/services/uploads'
import { EXTENSIONS, MIME_TYPES } from '#demands/procedures/sniff_file'
import type { SniffedKind } from '#demands/procedures/define_procedure'

/** Photos of a report: JPEG, PNG or WebP (read from their first bytes), 10 MB each, 3 at most. */
export const PHOTO_RULES: Required<UploadRules> = {
  accept: ['jpeg', 'png', 'webp'],
  maxSizeMb: 10,
  maxFiles: 3,
}

/*
 * sharp (libvips) is loaded with the first photo, not at boot: it adds some
 * 19 MB to a process's memory, which every web process would carry for the
 * few requests that send a photo.
 */
async function loadSharp() {
  return (await import('sharp')).default
}

/** The longest side a photo is kept at: enough to see a pothole, light on a phone's data plan. */
const MAX_SIDE = 1600

export type PhotoProblem = { key: string; data: Record<string, unknown> }

export interface ReadyPhoto {
  bytes: Buffer
  kind: SniffedKind
}

/**
 * Checks the photos sent (count, size, what they really are), then decodes
 * and re-encodes each: resized, turned upright, and written without any
 * metadata (EXIF, GPS position, XMP, ICC comments), so nothing a phone put in
 * a file is ever served. A file that does not decode as an image is refused.
 */
export async function preparePhotos(
  files: MultipartFile[] | MultipartFile | null | undefined,
  alreadyKept = 0
): Promise<{ problem: PhotoProblem } | { photos: ReadyPhoto[] }> {
  const checked = await checkUploads(sentFiles(files), PHOTO_RULES, alreadyKept)
  if ('problem' in checked) {
    const key = checked.problem.key.replace('demands.files.', 'public_space.photos.')
    return { problem: { key, data: checked.problem.data } }
  }
  if (checked.accepted.length === 0) return { photos: [] }
  const sharp = await loadSharp()
  const photos: ReadyPhoto[] = []
  for (const { file, kind } of checked.accepted) {
    try {
      const image = sharp(file.tmpPath!, { failOn: 'error' })
        .rotate()
        .resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      const bytes =
        kind === 'png'
          ? await image.png().toBuffer()
          : kind === 'webp'
            ? await image.webp({ quality: 80 }).toBuffer()
            : await image.jpeg({ quality: 80, mozjpeg: true }).toBuffer()
      photos.push({ bytes, kind })
    } catch {
      return { problem: { key: 'public_space.photos.unreadable', data: { name: file.clientName } } }
    }
  }
  return { photos }
}

/** Writes prepared photos on the private disk; returns their keys and types for the rows. */
export async function storePhotos(folder: string, photos: ReadyPhoto[]) {
  const stored: { storageKey: string; mimeType: string }[] = []
  for (const photo of photos) {
    const storageKey = `${folder}/${randomUUID()}.${EXTENSIONS[photo.kind]}`
    await drive.use().put(storageKey, photo.bytes, { contentLength: photo.bytes.length })
    stored.push({ storageKey, mimeType: MIME_TYPES[photo.kind] })
  }
  return stored
}

export async function deletePhotos(keys: string[]) {
  await Promise.all(
    keys.map((key) =>
      drive
        .use()
        .delete(key)
        .catch(() => undefined)
    )
  )
}
