import { open } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { I18n } from '@adonisjs/i18n'
import { fieldError } from '#core/services/form_errors'
import type { SniffedKind, StepDefinition } from '#demands/procedures/define_procedure'
import { EXTENSIONS, MIME_TYPES, sniffFileKind } from '#demands/procedures/sniff_file'
import { MEGABYTE } from '#core/services/body_limits'

export const DEFAULT_ACCEPT: SniffedKind[] = ['pdf', 'jpeg', 'png']
export const DEFAULT_MAX_SIZE_MB = 10

export interface UploadRules {
  accept?: SniffedKind[]
  maxSizeMb?: number
  maxFiles?: number
}

export interface CheckedUpload {
  file: MultipartFile
  kind: SniffedKind
}

/** Files attached to a message of a demand's thread, by the resident or an agent. */
export const MESSAGE_ATTACHMENTS: Required<UploadRules> = {
  accept: ['pdf', 'jpeg', 'png'],
  maxSizeMb: 10,
  maxFiles: 3,
}

/** The most bytes of files these rules accept together: what a request carrying them may weigh (see acceptsUploads). */
export function uploadBytes(rules: UploadRules[]) {
  return rules.reduce(
    (total, rule) =>
      total + (rule.maxFiles ?? 1) * (rule.maxSizeMb ?? DEFAULT_MAX_SIZE_MB) * MEGABYTE,
    0
  )
}

/** The bytes of files the given steps of a procedure accept (the file fields' rules). */
export function stepsUploadBytes(steps: StepDefinition[]) {
  return uploadBytes(steps.flatMap((step) => step.fields.filter((field) => field.type === 'file')))
}

export type UploadProblem = { key: string; data: Record<string, unknown> }

async function head(path: string) {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(16)
    await handle.read(buffer, 0, 16, 0)
    return buffer
  } finally {
    await handle.close()
  }
}

/**
 * Files the browser sent for one input. A file input left empty sends a
 * nameless part, which is not a file; a named file of 0 bytes is one, refused
 * by checkUploads (dropping it would file the demand without it).
 */
export function sentFiles(files: MultipartFile[] | MultipartFile | null | undefined) {
  const list = Array.isArray(files) ? files : files ? [files] : []
  return list.filter((file) => file.clientName)
}

/**
 * Checks uploaded files against a field's rules: not empty, size, count, and
 * what the content really is (first bytes), never the name or the type
 * claimed by the browser. Returns the first problem, or the files with their
 * kind.
 */
export async function checkUploads(
  files: MultipartFile[],
  rules: UploadRules,
  alreadyKept = 0
): Promise<{ problem: UploadProblem } | { accepted: CheckedUpload[] }> {
  const accept = rules.accept ?? DEFAULT_ACCEPT
  const maxSizeMb = rules.maxSizeMb ?? DEFAULT_MAX_SIZE_MB
  const maxFiles = rules.maxFiles ?? 1
  if (files.length + alreadyKept > maxFiles)
    return { problem: { key: 'demands.files.too_many', data: { max: maxFiles } } }
  const accepted: CheckedUpload[] = []
  for (const file of files) {
    if (file.size === 0)
      return { problem: { key: 'demands.files.empty', data: { name: file.clientName } } }
    if (file.size > maxSizeMb * MEGABYTE) {
      return {
        problem: {
          key: 'demands.files.too_large',
          data: { name: file.clientName, max: maxSizeMb },
        },
      }
    }
    const kind = file.tmpPath ? sniffFileKind(await head(file.tmpPath)) : null
    if (!kind || !accept.includes(kind)) {
      return {
        problem: {
          key: 'demands.files.not_allowed',
          data: { name: file.clientName, kinds: accept.map((k) => k.toUpperCase()).join(', ') },
        },
      }
    }
    accepted.push({ file, kind })
  }
  return { accepted }
}

/** Characters a file name must lose: controls, slashes and quotes. */
// eslint-disable-next-line no-control-regex -- control characters are what a file name must lose
const UNSAFE_IN_FILE_NAME = /[\u0000-\u001f\u007f/\\"]/g

/** A name safe to show and to send back in a Content-Disposition header. */
export function cleanFileName(name: string) {
  const cleaned = name.normalize('NFC').replace(UNSAFE_IN_FILE_NAME, '_').trim()
  return (cleaned || 'fichier').slice(0, 200)
}

/** Writes a checked upload to the private disk (a demand's folder, or the folder given); returns what the row needs. */
export async function storeUpload(demandIdOrFolder: number | string, upload: CheckedUpload) {
  const folder =
    typeof demandIdOrFolder === 'number' ? `demands/${demandIdOrFolder}` : demandIdOrFolder
  // Stored under a random name with the extension of what the file is, never the one it was sent with.
  const key = `${folder}/${randomUUID()}.${EXTENSIONS[upload.kind]}`
  // The length is given: an S3 store refuses a body of unknown length.
  await drive
    .use()
    .putStream(key, createReadStream(upload.file.tmpPath!), { contentLength: upload.file.size })
  return {
    storageKey: key,
    originalName: cleanFileName(upload.file.clientName),
    mimeType: MIME_TYPES[upload.kind],
    size: upload.file.size,
  }
}

/** Removes stored files, e.g. after the transaction that referenced them failed. */
export async function deleteStored(keys: string[]) {
  await Promise.all(
    keys.map((key) =>
      drive
        .use()
        .delete(key)
        .catch(() => undefined)
    )
  )
}

/** The files sent for each file field of a step, by field name (what SaveStep expects). */
export function stepUploads(step: StepDefinition, files: (name: string) => MultipartFile[]) {
  return Object.fromEntries(
    step.fields
      .filter((field) => field.type === 'file')
      .map((field) => [field.name, sentFiles(files(field.name))])
  )
}

/** The files attached to a message in a demand's thread, checked; otherwise a field error (422) that names the problem. */
export async function messageAttachments(
  files: MultipartFile[] | MultipartFile | null | undefined,
  i18n: I18n
) {
  const checked = await checkUploads(sentFiles(files), MESSAGE_ATTACHMENTS)
  if ('problem' in checked)
    throw fieldError('attachments', i18n.t(checked.problem.key, checked.problem.data))
  return checked.accepted
}
