import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import logger from '@adonisjs/core/services/logger'
import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import type { WorkflowDefinition } from '#workflow/define_workflow'
import { toProcedure, type ProcedureDocument } from '#demands/procedures/built/document'

/*
 * The published versions of the built procedures, held in memory so that
 * the registry answers synchronously like it does for coded ones. Each
 * process keeps its own copy: it reloads after its own publish or
 * unpublish, and otherwise when the sum of the procedures' revisions in the
 * database changed (another process published), checked at most every few
 * seconds (see refreshBuiltProcedures).
 */

interface Loaded {
  current: Map<string, ProcedureDefinition>
  versions: Map<string, ProcedureDefinition>
  /** Each procedure's versions, the latest first. */
  versionsByKey: Map<string, ProcedureDefinition[]>
  listed: Set<string>
  revision: string
}

let loaded: Loaded = {
  current: new Map(),
  versions: new Map(),
  versionsByKey: new Map(),
  listed: new Set(),
  revision: '',
}
let checkedAt = Number.NEGATIVE_INFINITY
let pending: Promise<void> | null = null
/** How long a process trusts its copy before asking the database again. */
const CHECK_EVERY_MS = 2000

/**
 * The workflows drawn in the builder, by their versioned name. Kept across
 * reloads: a version never changes once published, and a demand filed with
 * it keeps reading its states.
 */
const workflows = new Map<string, WorkflowDefinition>()

/** Makes a drawn workflow known (a published version's, or a draft's for the preview). */
export function registerBuiltWorkflow(workflow: WorkflowDefinition | undefined) {
  if (workflow) workflows.set(workflow.name, workflow)
}

/** A drawn workflow by its versioned name (see workflowName). */
export function builtWorkflow(name: string) {
  return workflows.get(name)
}

const versionKey = (key: string, version: number) => `${key}@${version}`

/** Adds a procedure's texts to the translations every `t()` reads (both locales). */
export async function registerMessages(messages: Record<'fr' | 'en', Record<string, string>>) {
  await i18nManager.loadTranslations()
  const all = i18nManager.getTranslations()
  for (const locale of ['fr', 'en'] as const) {
    all[locale] = all[locale] ?? {}
    Object.assign(all[locale], messages[locale])
  }
}

async function currentRevision() {
  const row = await db.from('built_procedures').count('* as count').sum('revision as total').first()
  return `${row?.count ?? 0}:${row?.total ?? 0}`
}

/**
 * One stored version as the engine runs it. Versions passed the checks when
 * published; one that no longer does (edited by hand in the database) is
 * left out and logged rather than taking every page down with it.
 */
async function loadVersion(key: string, version: number, definition: string) {
  try {
    return toProcedure(JSON.parse(definition) as ProcedureDocument, version)
  } catch (error) {
    logger.error({ err: error, key, version }, 'built procedure version cannot be loaded')
    return null
  }
}

async function load(revision: string) {
  const rows = await db.from('built_procedures').select('id', 'key', 'published_version', 'listed')
  const stored = await db
    .from('built_procedure_versions')
    .select('built_procedure_id', 'version', 'definition')
    .orderBy('version', 'desc')
  const storedOf = new Map<number, typeof stored>()
  for (const item of stored) {
    const list = storedOf.get(item.built_procedure_id) ?? []
    list.push(item)
    storedOf.set(item.built_procedure_id, list)
  }
  const next: Loaded = {
    current: new Map(),
    versions: new Map(),
    versionsByKey: new Map(),
    listed: new Set(),
    revision,
  }
  const messages: Record<'fr' | 'en', Record<string, string>> = { fr: {}, en: {} }
  for (const row of rows) {
    const versions: ProcedureDefinition[] = []
    for (const version of storedOf.get(row.id) ?? []) {
      const loadedVersion = await loadVersion(row.key, version.version, version.definition)
      if (!loadedVersion) continue
      const { procedure, workflow } = loadedVersion
      for (const locale of ['fr', 'en'] as const)
        Object.assign(messages[locale], loadedVersion.messages[locale])
      registerBuiltWorkflow(workflow)
      versions.push(procedure)
      next.versions.set(versionKey(row.key, version.version), procedure)
      if (version.version === row.published_version) next.current.set(row.key, procedure)
    }
    next.versionsByKey.set(row.key, versions)
    if (row.listed && next.current.has(row.key)) next.listed.add(row.key)
  }
  await registerMessages(messages)
  loaded = next
}

/**
 * Brings this process's copy up to date with the database. `force`: ask
 * now (after a publish); otherwise at most every CHECK_EVERY_MS.
 */
export async function refreshBuiltProcedures(options: { force?: boolean } = {}) {
  const now = performance.now()
  if (!options.force && now - checkedAt < CHECK_EVERY_MS) return
  if (pending) {
    await pending
    if (!options.force) return
  }
  pending = (async () => {
    try {
      const revision = await currentRevision()
      checkedAt = performance.now()
      if (revision !== loaded.revision || options.force) await load(revision)
    } finally {
      pending = null
    }
  })()
  return pending
}

/** The current published version of each built procedure (listed or not). */
export function builtProcedures() {
  return [...loaded.current.values()]
}

/** A built procedure: the given version, or the one published now. */
export function builtProcedure(key: string, version?: number | null) {
  if (version) {
    const found = loaded.versions.get(versionKey(key, version))
    if (found) return found
  }
  return loaded.current.get(key) ?? null
}

/** Every published version of a built procedure, the latest first (none for a coded key). */
export function builtVersions(key: string) {
  return [...(loaded.versionsByKey.get(key) ?? [])]
}

export function isBuilt(key: string) {
  return loaded.current.has(key)
}

/** Whether a built procedure is in the catalogue now (published and not withdrawn). */
export function isListed(key: string) {
  return loaded.listed.has(key)
}
