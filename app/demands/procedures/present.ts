import type { I18n } from '@adonisjs/i18n'
import type { FieldDefinition, ProcedureDefinition } from '#demands/procedures/define_procedure'
import { isVisible } from '#demands/procedures/define_procedure'

export interface PresentedFile {
  id: number
  name: string
  size: number
}

export interface PresentedRow {
  name: string
  label: string
  /** plain text of the answer, '' when left empty */
  value: string
  files: PresentedFile[]
}

export interface PresentedSection {
  /** 1-based, for "modify" links */
  step: number
  title: string
  rows: PresentedRow[]
}

export interface PresentContext {
  i18n: I18n
  files?: { id: number; fieldName: string | null; originalName: string; size: number }[]
  householdMembers?: { id: number; fullName: string }[]
}

function formatDate(value: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value
}

/** One answer as text, as the resident, the agent, the receipt and the export read it. */
export function answerText(
  field: FieldDefinition,
  value: unknown,
  context: PresentContext
): string {
  const { i18n } = context
  if (value === undefined || value === null || value === '') return ''
  const choice = (raw: unknown) => {
    const found = field.choices?.find((candidate) => candidate.value === String(raw))
    return found ? i18n.t(found.label) : String(raw)
  }
  switch (field.type) {
    case 'date':
      return formatDate(String(value))
    case 'select':
    case 'radio':
      return choice(value)
    case 'checkboxes':
      return (Array.isArray(value) ? value : [value]).map(choice).join(', ')
    case 'yes_no':
      return value === 'yes' ? i18n.t('common.yes') : i18n.t('common.no')
    case 'consent':
      return value === true || value === 'true' ? i18n.t('common.yes') : i18n.t('common.no')
    case 'number':
      return String(value).replace('.', ',')
    case 'address': {
      const address = value as Record<string, string>
      return [
        address.line,
        address.complement,
        `${address.postalCode ?? ''} ${address.city ?? ''}`.trim(),
      ]
        .filter(Boolean)
        .join(', ')
    }
    case 'household_member': {
      const member = context.householdMembers?.find((candidate) => candidate.id === Number(value))
      return member ? member.fullName : `#${value}`
    }
    case 'file': {
      const ids = (Array.isArray(value) ? value : [value]).map(Number)
      return (context.files ?? [])
        .filter((file) => ids.includes(file.id))
        .map((file) => file.originalName)
        .join(', ')
    }
    default:
      return String(value)
  }
}

/** The answers of a demand, step by step, only the fields that applied. */
export function presentAnswers(
  procedure: ProcedureDefinition,
  answers: Record<string, unknown>,
  context: PresentContext
): PresentedSection[] {
  return procedure.steps.map((step, index) => ({
    step: index + 1,
    title: context.i18n.t(step.title),
    rows: step.fields
      .filter((field) => isVisible(field, answers))
      .map((field) => {
        const ids =
          field.type === 'file'
            ? ((answers[field.name] as number[] | undefined) ?? []).map(Number)
            : []
        return {
          name: field.name,
          label: context.i18n.t(field.label),
          value: answerText(field, answers[field.name], context),
          files: (context.files ?? [])
            .filter((file) => ids.includes(file.id))
            .map((file) => ({ id: file.id, name: file.originalName, size: file.size })),
        }
      }),
  }))
}

/** Every field of a procedure in order (the columns of an export). */
export function allFields(procedure: ProcedureDefinition) {
  return procedure.steps.flatMap((step) => step.fields)
}
