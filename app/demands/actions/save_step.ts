import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { errors } from '@vinejs/vine'
import type { I18n } from '@adonisjs/i18n'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import { visibleFields } from '#demands/procedures/define_procedure'
import { stepValidator, type StepContext } from '#demands/procedures/step_validator'
import { ProcedureMessages } from '#demands/procedures/messages'
import {
  checkUploads,
  deleteStored,
  storeUpload,
  type CheckedUpload,
} from '#demands/services/uploads'
import { lockForUpdate } from '#core/database/dialect'
import { reasonText } from '#demands/services/refusals'

export interface StepSubmission {
  demand: Demand
  procedure: ProcedureDefinition
  /** 0-based */
  stepIndex: number
  input: Record<string, unknown>
  uploads: Record<string, MultipartFile[]>
  /** fields shown when the page was rendered; null when the caller shows them all */
  shown: string[] | null
  context: StepContext
  i18n: I18n
  uploadedBy: 'resident' | 'agent'
}

type Message = { field: string; message: string; rule: string }

/** Turns what VineJS gives back into what the answers JSON keeps (dates as YYYY-MM-DD). */
function storable(value: unknown): unknown {
  if (value instanceof Date) return DateTime.fromJSDate(value).toISODate()
  return value
}

/**
 * Validates one step of a draft and saves it: its answers (only the fields
 * shown for them; a hidden conditional field is dropped) and its files. When
 * the answers reveal a question the page did not show (no JavaScript), the
 * step is shown again with it rather than refused. Either everything is
 * saved or nothing is: files that reached the disk are removed if the
 * database write fails.
 */
export default class SaveStep {
  async handle(submission: StepSubmission): Promise<{ revealed: boolean }> {
    const { demand, procedure, stepIndex, input, i18n } = submission
    const step = procedure.steps[stepIndex]
    const names = new Set(step.fields.map((field) => field.name))
    const stepInput = Object.fromEntries(Object.entries(input).filter(([name]) => names.has(name)))
    const merged = { ...demand.answers, ...stepInput }
    const visible = visibleFields(step, merged)

    if (submission.shown && visible.some((field) => !submission.shown!.includes(field.name))) {
      return { revealed: true }
    }

    const messages: Message[] = []
    let data: Record<string, unknown> = {}
    try {
      data = await stepValidator(step, merged, submission.context).validate(stepInput, {
        messagesProvider: new ProcedureMessages(i18n, step),
      })
    } catch (error) {
      if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
      messages.push(...(error.messages as Message[]))
    }
    if (messages.length === 0 && step.check) {
      const checked = await step.check({ ...demand.answers, ...data })
      for (const [field, reason] of Object.entries(checked?.errors ?? {}))
        messages.push({ field, message: reasonText(i18n, reason), rule: 'check' })
      for (const [name, value] of Object.entries(checked?.answers ?? {}))
        if (names.has(name)) data[name] = value
    }

    const kept = await DemandFile.query()
      .where('demandId', demand.id)
      .whereIn('fieldName', [...names])
    const accepted: { field: string; upload: CheckedUpload }[] = []
    for (const field of visible.filter((candidate) => candidate.type === 'file')) {
      const keptHere = kept.filter((file) => file.fieldName === field.name)
      const sent = submission.uploads[field.name] ?? []
      if (field.required && keptHere.length + sent.length === 0) {
        messages.push({
          field: field.name,
          message: i18n.t('demands.files.required', { field: i18n.t(field.label) }),
          rule: 'required',
        })
        continue
      }
      const checked = await checkUploads(sent, field, keptHere.length)
      if ('problem' in checked) {
        messages.push({
          field: field.name,
          message: i18n.t(checked.problem.key, checked.problem.data),
          rule: 'file',
        })
      } else {
        accepted.push(...checked.accepted.map((upload) => ({ field: field.name, upload })))
      }
    }
    if (messages.length > 0) {
      const order = step.fields.map((field) => field.name)
      messages.sort(
        (a, b) => order.indexOf(a.field.split('.')[0]) - order.indexOf(b.field.split('.')[0])
      )
      throw new errors.E_VALIDATION_ERROR(messages)
    }

    const stored: { field: string; row: Awaited<ReturnType<typeof storeUpload>> }[] = []
    try {
      for (const { field, upload } of accepted)
        stored.push({ field, row: await storeUpload(demand.id, upload) })
      await db.transaction(async (trx) => {
        const draft = await lockForUpdate(
          Demand.query({ client: trx }).where('id', demand.id),
          trx
        ).firstOrFail()
        if (!draft.isDraft)
          throw new errors.E_VALIDATION_ERROR([
            { field: '_form', message: i18n.t('demands.filing.already_submitted'), rule: 'state' },
          ])
        const answers: Record<string, unknown> = { ...draft.answers }
        for (const name of names) delete answers[name]
        for (const field of visible) {
          if (field.type === 'file') continue
          if (data[field.name] !== undefined && data[field.name] !== null)
            answers[field.name] = storable(data[field.name])
        }
        for (const field of visible.filter((candidate) => candidate.type === 'file')) {
          const ids = kept.filter((file) => file.fieldName === field.name).map((file) => file.id)
          for (const { row } of stored.filter((entry) => entry.field === field.name)) {
            const file = await DemandFile.create(
              {
                ...row,
                demandId: draft.id,
                fieldName: field.name,
                uploadedBy: submission.uploadedBy,
              },
              { client: trx }
            )
            ids.push(file.id)
          }
          if (ids.length) answers[field.name] = ids
        }
        draft.useTransaction(trx)
        draft.answers = answers
        draft.currentStep = Math.max(draft.currentStep, stepIndex + 1)
        await draft.save()
        demand.answers = answers
        demand.currentStep = draft.currentStep
      })
    } catch (error) {
      await deleteStored(stored.map((entry) => entry.row.storageKey))
      throw error
    }
    return { revealed: false }
  }
}
