import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Agent from '#accounts/models/agent'
import { recordAudit } from '#accounts/actions/record_audit'
import type { AuditAction } from '#accounts/models/audit_entry'
import BuiltProcedure from '#demands/models/built_procedure'
import type { ProcedureDocument } from '#demands/procedures/built/document'
import { isCodedProcedure } from '#demands/procedures/registry'
import { lockForUpdate } from '#core/database/dialect'

/** The key is taken by a coded procedure or another built one. */
export class ProcedureKeyTakenError extends Error {
  constructor(public key: string) {
    super(`Procedure key "${key}" is taken`)
  }
}

/**
 * Starts a built procedure from a document (typed in the builder or
 * imported from another city), as a draft nobody can file yet.
 */
export async function createBuiltProcedure(
  agent: Agent,
  document: ProcedureDocument,
  action: AuditAction = 'procedure.created'
) {
  if (isCodedProcedure(document.key)) throw new ProcedureKeyTakenError(document.key)
  return db.transaction(async (trx) => {
    const taken = await BuiltProcedure.query({ client: trx }).where('key', document.key).first()
    if (taken) throw new ProcedureKeyTakenError(document.key)
    const procedure = await BuiltProcedure.create(
      { key: document.key, draft: document, publishedVersion: null, listed: false, revision: 0 },
      { client: trx }
    )
    await recordAudit(agent, action, null, document.key, null, trx)
    return procedure
  })
}

/**
 * One edit of a procedure's draft (its settings, a step, a field, an
 * order), audited with what changed. Residents see nothing of it until the
 * draft is published.
 */
export async function editBuiltProcedure(
  agent: Agent,
  id: number,
  change: (draft: ProcedureDocument) => ProcedureDocument,
  detail: string
) {
  return db.transaction(async (trx: TransactionClientContract) => {
    const procedure = await lockForUpdate(
      BuiltProcedure.query({ client: trx }).where('id', id),
      trx
    ).firstOrFail()
    procedure.draft = change(procedure.draft)
    await procedure.save()
    await recordAudit(agent, 'procedure.changed', null, `${procedure.key} : ${detail}`, null, trx)
    return procedure
  })
}
