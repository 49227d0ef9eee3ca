import type { I18n } from '@adonisjs/i18n'
import type User from '#accounts/models/user'
import HouseholdMember from '#accounts/models/household_member'
import type Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import type {
  FieldDefinition,
  PrefillSource,
  ProcedureDefinition,
} from '#demands/procedures/define_procedure'
import { isVisible } from '#demands/procedures/define_procedure'
import { DEFAULT_ACCEPT, DEFAULT_MAX_SIZE_MB } from '#demands/services/uploads'
import { ADDRESS_LIMITS, fieldMaxLength } from '#demands/procedures/step_validator'

function prefillValue(source: PrefillSource, user: User | null) {
  if (!user) return undefined
  switch (source) {
    case 'profile.firstName':
      return user.firstName
    case 'profile.lastName':
      return user.lastName
    case 'profile.email':
      return user.email
    case 'profile.phone':
      return user.phone ?? undefined
    case 'profile.birthDate':
      return user.birthDate?.toISODate() ?? undefined
    case 'profile.address':
      return user.addressLine
        ? {
            line: user.addressLine,
            complement: user.addressComplement ?? '',
            postalCode: user.postalCode ?? '',
            city: user.city ?? '',
          }
        : undefined
  }
}

/**
 * What a step's form needs: each field with its current value (old input
 * after a failed post, else the draft's answer, else the profile), whether it
 * is shown for the answers so far, its choices in the reader's language, and
 * the files already attached.
 */
export async function stepView(options: {
  procedure: ProcedureDefinition
  demand: Demand
  stepIndex: number
  user: User | null
  i18n: I18n
  oldInput: Record<string, unknown> | null
  householdOwnerId?: number | null
}) {
  const { procedure, demand, stepIndex, user, i18n, oldInput } = options
  const step = procedure.steps[stepIndex]
  const answers: Record<string, unknown> = { ...demand.answers }
  for (const field of step.fields) {
    if (oldInput && field.name in oldInput) answers[field.name] = oldInput[field.name]
    else if (answers[field.name] === undefined && field.prefill)
      answers[field.name] = prefillValue(field.prefill, user)
  }
  const ownerId = options.householdOwnerId ?? user?.id ?? null
  const members =
    ownerId && step.fields.some((field) => field.type === 'household_member')
      ? await HouseholdMember.query().where('userId', ownerId).orderBy('id')
      : []
  const files = !demand.$isPersisted
    ? []
    : await DemandFile.query()
        .where('demandId', demand.id)
        .whereIn(
          'fieldName',
          step.fields.map((field) => field.name)
        )
        .orderBy('id')

  const fields = step.fields.map((field: FieldDefinition) => ({
    definition: field,
    name: field.name,
    label: i18n.t(field.label),
    hint: fileHint(field, i18n),
    required: Boolean(field.required),
    maxLength: fieldMaxLength(field),
    addressLimits: field.type === 'address' ? ADDRESS_LIMITS : null,
    visible: isVisible(field, answers),
    value: answers[field.name] ?? '',
    showWhen: field.showWhen ? JSON.stringify(field.showWhen) : null,
    options:
      field.type === 'yes_no'
        ? [
            { value: 'yes', label: i18n.t('common.yes') },
            { value: 'no', label: i18n.t('common.no') },
          ]
        : field.type === 'household_member'
          ? members
              .filter((member) => !field.memberKind || member.kind === field.memberKind)
              .map((member) => ({ value: String(member.id), label: member.fullName }))
          : (field.choices ?? []).map((choice) => ({
              value: choice.value,
              label: i18n.t(choice.label),
            })),
    files: files.filter((file) => file.fieldName === field.name),
    /** Checked as soon as it changes (htmx posts it to the step's /verifier); files and addresses are checked on submit. */
    inlineCheck: field.type !== 'file' && field.type !== 'address',
  }))
  return {
    step,
    fields,
    shown: fields
      .filter((field) => field.visible)
      .map((field) => field.name)
      .join(','),
    // What the page loads, and only that: htmx for inline checks, the small
    // procedure script for conditional questions (see the resident layout).
    enhance: [
      ...(fields.some((field) => field.showWhen) ? ['procedure_form'] : []),
      ...(fields.some((field) => field.inlineCheck) ? ['htmx'] : []),
    ],
  }
}

function fileHint(field: FieldDefinition, i18n: I18n) {
  const own = field.hint ? i18n.t(field.hint) : ''
  if (field.type !== 'file') return own
  const rules = i18n.t('demands.files.rules', {
    kinds: (field.accept ?? DEFAULT_ACCEPT).map((kind) => kind.toUpperCase()).join(', '),
    max: field.maxSizeMb ?? DEFAULT_MAX_SIZE_MB,
    count: field.maxFiles ?? 1,
  })
  return own ? `${own} ${rules}` : rules
}
