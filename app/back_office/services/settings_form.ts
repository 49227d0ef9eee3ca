import type { I18n } from '@adonisjs/i18n'
import type { SettingDefinition } from '#core/modules/settings'
import { NUMBER_INPUT_MAXLENGTH } from '#core/services/validation'
import { errors } from '@vinejs/vine'
import type { SettingChange } from '#back_office/actions/change_settings'

type Definitions = Record<string, SettingDefinition<any>>

/** The name of a setting's box in a form: `<module>__<key>` (one flat name, for the errors bag and the old input). */
export function settingFieldName(module: string, key: string) {
  return `${module}__${key}`
}

export function settingLabelKey(module: string, key: string, definition: SettingDefinition<any>) {
  return definition.label ?? `${module}.settings.${key}.label`
}

export function settingHelpKey(module: string, key: string, definition: SettingDefinition<any>) {
  return definition.help ?? `${module}.settings.${key}.help`
}

/** The placeholders of a setting's label and help, translated (a procedure's title). */
function labelParams(definition: SettingDefinition<any>, i18n: I18n) {
  return Object.fromEntries(
    Object.entries(definition.labelParams ?? {}).map(([name, key]) => [name, i18n.t(key)])
  )
}

/** What the `field` component needs for each of a module's settings, with the value in force and the default said in the hint. */
export function settingFields(
  module: string,
  definitions: Definitions,
  values: Record<string, unknown>,
  i18n: I18n
) {
  return Object.entries(definitions).map(([key, definition]) => {
    const name = settingFieldName(module, key)
    const shownDefault =
      definition.kind === 'boolean'
        ? i18n.t(definition.default ? 'common.yes' : 'common.no')
        : definition.kind === 'choice'
          ? i18n.t(`${module}.settings.${key}.choices.${definition.default}`)
          : definition.format(definition.default)
    const defaultText =
      definition.kind === 'money'
        ? i18n.t('back_office.settings.default_money', { value: shownDefault })
        : i18n.t('back_office.settings.default', { value: shownDefault })
    const params = labelParams(definition, i18n)
    const base = {
      name,
      key,
      label: i18n.t(settingLabelKey(module, key, definition), params),
      hint: `${i18n.t(settingHelpKey(module, key, definition), params)} ${defaultText}`,
      value: definition.format(values[key]),
    }
    switch (definition.kind) {
      case 'boolean':
        return { ...base, type: 'checkbox' }
      case 'choice':
        return {
          ...base,
          type: 'select',
          required: true,
          options: (definition.choices ?? []).map((value) => ({
            value,
            label: i18n.t(`${module}.settings.${key}.choices.${value}`),
          })),
        }
      case 'money':
        return {
          ...base,
          type: 'text',
          required: true,
          inputmode: 'decimal',
          width: 'short',
          maxlength: NUMBER_INPUT_MAXLENGTH,
        }
      case 'integer':
        return {
          ...base,
          type: 'text',
          required: true,
          inputmode: 'numeric',
          width: 'short',
          maxlength: NUMBER_INPUT_MAXLENGTH,
        }
      default:
        return {
          ...base,
          type: (definition.maxLength ?? 0) > 200 ? 'textarea' : 'text',
          maxlength: definition.maxLength,
        }
    }
  })
}

/**
 * Reads a module's settings from a submitted form, each by its definition.
 * Any refused value: a validation error per box, in French next to it and in
 * the summary, and nothing is stored. An unchecked box is "no"; a box
 * missing from the form keeps its setting's value.
 */
export function parseSettingsForm(
  module: string,
  definitions: Definitions,
  body: Record<string, unknown>,
  i18n: I18n
): SettingChange[] {
  const changes: SettingChange[] = []
  const messages: { field: string; message: string; rule: string }[] = []
  for (const [key, definition] of Object.entries(definitions)) {
    const name = settingFieldName(module, key)
    const raw = body[name]
    // A box the form did not have (a page opened before a module declared a new
    // setting, an older form) leaves that setting as it is; a box sent empty is refused.
    if (raw === undefined && definition.kind !== 'boolean') continue
    const typed = typeof raw === 'string' ? raw : ''
    const length =
      definition.kind === 'text' ? (definition.maxLength ?? 2000) : NUMBER_INPUT_MAXLENGTH
    if (
      definition.kind !== 'boolean' &&
      (raw === undefined || typed.trim() === '') &&
      definition.kind !== 'text'
    ) {
      messages.push({
        field: name,
        message: i18n.t('back_office.settings.errors.required'),
        rule: 'required',
      })
      continue
    }
    if (
      definition.kind !== 'boolean' &&
      definition.kind !== 'choice' &&
      typed.trim().length > length
    ) {
      messages.push({
        field: name,
        message: i18n.t(
          definition.kind === 'text'
            ? 'back_office.settings.errors.too_long'
            : 'back_office.settings.errors.too_long_number',
          { max: length }
        ),
        rule: 'maxLength',
      })
      continue
    }
    const parsed =
      definition.kind === 'boolean'
        ? { value: typed !== '' && typed !== '0' && typed !== 'false' }
        : definition.parse(typed)
    if ('error' in parsed) {
      messages.push({
        field: name,
        message: i18n.t(`back_office.settings.errors.${parsed.error}`, parsed.params ?? {}),
        rule: parsed.error,
      })
      continue
    }
    changes.push({ key, definition, value: parsed.value })
  }
  if (messages.length) throw new errors.E_VALIDATION_ERROR(messages)
  return changes
}
