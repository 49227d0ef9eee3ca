import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type Agent from '#accounts/models/agent'
import Service from '#accounts/models/service'
import { recordAudit } from '#accounts/actions/record_audit'
import BuiltProcedure from '#demands/models/built_procedure'
import BuiltProcedureVersion from '#demands/models/built_procedure_version'
import {
  checkDocument,
  toProcedure,
  type DocumentProblem,
  type ProcedureDocument,
} from '#demands/procedures/built/document'
import { refreshBuiltProcedures } from '#demands/procedures/built/published'
import { isCodedProcedure, workflowNames } from '#demands/procedures/registry'
import { lockForUpdate } from '#core/database/dialect'
import { clock } from '#core/clock'

/** Why a draft cannot be published: each reason an i18n key and its values. */
export class PublishRefusedError extends Error {
  constructor(public problems: DocumentProblem[]) {
    super('The procedure cannot be published')
  }
}

/** The checks a document passes before it is published (and before it is imported). */
export async function documentProblems(document: ProcedureDocument, client?: QueryClientContract) {
  const services = (await Service.query({ client }).select('slug')).map((service) => service.slug)
  const problems = checkDocument(document, { services, workflows: workflowNames() })
  if (problems.length === 0 && isCodedProcedure(document.key))
    problems.push({ key: 'demands.built.errors.key_taken', data: { key: document.key } })
  if (problems.length === 0) {
    // The engine's own load-time checks, as a coded procedure passes them at boot.
    try {
      toProcedure(document, 'draft')
    } catch (error) {
      problems.push({ key: 'demands.built.errors.format', data: { reason: String(error) } })
    }
  }
  return problems
}

/**
 * Publishes the draft as a new, immutable version: new demands use it,
 * demands filed on earlier versions keep theirs. Puts the procedure (back)
 * in the catalogue. Refused, with the reasons, when the draft does not pass
 * the engine's checks.
 */
export async function publishBuiltProcedure(agent: Agent, id: number) {
  const version = await db.transaction(async (trx) => {
    const procedure = await lockForUpdate(
      BuiltProcedure.query({ client: trx }).where('id', id),
      trx
    ).firstOrFail()
    const problems = await documentProblems(procedure.draft, trx)
    if (problems.length) throw new PublishRefusedError(problems)
    const last = await trx
      .from('built_procedure_versions')
      .where('built_procedure_id', procedure.id)
      .max('version as version')
      .first()
    const next = Number(last?.version ?? 0) + 1
    await BuiltProcedureVersion.create(
      {
        builtProcedureId: procedure.id,
        version: next,
        definition: procedure.draft,
        publishedBy: agent.id,
        publishedAt: clock.now(),
      },
      { client: trx }
    )
    procedure.publishedVersion = next
    procedure.listed = true
    procedure.revision += 1
    await procedure.save()
    await recordAudit(agent, 'procedure.published', null, `${procedure.key} v${next}`, null, trx)
    return next
  })
  await refreshBuiltProcedures({ force: true })
  return version
}

/** Takes a procedure out of the catalogue; its filed demands stay as they are. */
export async function unpublishBuiltProcedure(agent: Agent, id: number) {
  await db.transaction(async (trx) => {
    const procedure = await lockForUpdate(
      BuiltProcedure.query({ client: trx }).where('id', id),
      trx
    ).firstOrFail()
    procedure.listed = false
    procedure.revision += 1
    await procedure.save()
    await recordAudit(agent, 'procedure.unpublished', null, procedure.key, null, trx)
  })
  await refreshBuiltProcedures({ force: true })
}
