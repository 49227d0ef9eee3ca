import { retentionSettingKey, type RetentionDeclaration } from '#core/modules/retention'

/**
 * Typed settings a module declares in its manifest, edited by admins in
 * /agents/admin/reglages and read by the code with `readSettings()`
 * (#core/services/settings). Each kind knows how to read what an admin typed
 * (French style: "2,85" €), how to show it back, and how to read back what
 * was stored (JSON in the `module_settings` table; anything that is not a
 * value of this kind any more gives the default).
 */
export interface SettingDefinition<T> {
  kind: 'text' | 'integer' | 'money' | 'boolean' | 'choice'
  default: T
  /** i18n key of the label; default `<module>.settings.<key>.label` */
  label?: string
  /** i18n key of the help text; default `<module>.settings.<key>.help` */
  help?: string
  /**
   * Placeholders of the label and the help, each an i18n key translated
   * first: settings derived from what modules register (a procedure's
   * processing time) name what they apply to.
   */
  labelParams?: Record<string, string>
  /** for choices: the allowed values (labels are i18n keys `<module>.settings.<key>.choices.<value>`) */
  choices?: readonly string[]
  min?: number
  max?: number
  maxLength?: number
  /** reads a typed value; returns an error key of `back_office.settings.errors.*` when it is not acceptable */
  parse(input: string): { value: T } | { error: string; params?: Record<string, unknown> }
  /** what the form shows */
  format(value: T): string
  /** a stored (JSON-decoded) value, or undefined when it is not one of this setting's values */
  accept(stored: unknown): T | undefined
}

/** The value type of a setting definition. */
export type SettingValue<D> = D extends SettingDefinition<infer T> ? T : never

function text(options: {
  default: string
  maxLength?: number
  label?: string
  help?: string
  labelParams?: Record<string, string>
}): SettingDefinition<string> {
  const maxLength = options.maxLength ?? 2000
  return {
    kind: 'text',
    ...options,
    maxLength,
    parse: (input) =>
      input.trim().length > maxLength
        ? { error: 'too_long', params: { max: maxLength } }
        : { value: input.trim() },
    format: (value) => value,
    accept: (stored) =>
      typeof stored === 'string' && stored.length <= maxLength ? stored : undefined,
  }
}

function integer(options: {
  default: number
  min?: number
  max?: number
  label?: string
  help?: string
  labelParams?: Record<string, string>
}): SettingDefinition<number> {
  return {
    kind: 'integer',
    ...options,
    parse(input) {
      const trimmed = input.trim().replace(/\s/g, '')
      if (!/^-?\d{1,15}$/.test(trimmed)) return { error: 'not_integer' }
      const value = Number(trimmed)
      if (options.min !== undefined && value < options.min)
        return { error: 'too_small', params: { min: options.min } }
      if (options.max !== undefined && value > options.max)
        return { error: 'too_large', params: { max: options.max } }
      return { value }
    },
    format: (value) => String(value),
    accept: (stored) =>
      Number.isSafeInteger(stored) && within(stored as number, options)
        ? (stored as number)
        : undefined,
  }
}

function within(value: number, options: { min?: number; max?: number }) {
  return (
    (options.min === undefined || value >= options.min) &&
    (options.max === undefined || value <= options.max)
  )
}

/**
 * An amount in euros, kept in cents; typed "2,85", "2.85", "2,8" or "3"
 * (spaces and a € sign are allowed). Never negative; never more than two
 * decimals ("1,234" is refused rather than guessed: a French thousands
 * separator or a typo).
 */
function money(options: {
  default: number
  min?: number
  max?: number
  label?: string
  help?: string
  labelParams?: Record<string, string>
}): SettingDefinition<number> {
  const min = Math.max(options.min ?? 0, 0)
  // Without a declared maximum, no amount a city types in a setting reaches a million euros.
  const max = options.max ?? 100_000_000
  return {
    kind: 'money',
    ...options,
    min,
    max,
    parse(input) {
      const trimmed = input
        .trim()
        .replace(/[\s\u00a0\u202f€]/g, '')
        .replace(',', '.')
      if (/^-/.test(trimmed)) return { error: 'negative_money' }
      if (/^\d+\.\d{3,}$/.test(trimmed)) return { error: 'too_many_decimals' }
      if (!/^\d{1,9}(\.\d{1,2})?$/.test(trimmed)) return { error: 'not_money' }
      const cents = Math.round(Number(trimmed) * 100)
      if (cents < min)
        return {
          error: 'too_small_money',
          params: { min: (min / 100).toFixed(2).replace('.', ',') },
        }
      if (cents > max)
        return {
          error: 'too_large_money',
          params: { max: (max / 100).toFixed(2).replace('.', ',') },
        }
      return { value: cents }
    },
    format: (value) => (value / 100).toFixed(2).replace('.', ','),
    accept: (stored) =>
      Number.isSafeInteger(stored) && within(stored as number, { min, max })
        ? (stored as number)
        : undefined,
  }
}

function boolean(options: {
  default: boolean
  label?: string
  help?: string
  labelParams?: Record<string, string>
}): SettingDefinition<boolean> {
  return {
    kind: 'boolean',
    ...options,
    parse: (input) => ({ value: input === 'true' || input === 'on' || input === '1' }),
    format: (value) => (value ? 'true' : 'false'),
    accept: (stored) => (typeof stored === 'boolean' ? stored : undefined),
  }
}

function choice<const C extends readonly string[]>(options: {
  choices: C
  default: C[number]
  label?: string
  help?: string
  labelParams?: Record<string, string>
}): SettingDefinition<C[number]> {
  return {
    kind: 'choice',
    ...options,
    parse: (input) =>
      options.choices.includes(input) ? { value: input } : { error: 'not_a_choice' },
    format: (value) => value,
    accept: (stored) =>
      typeof stored === 'string' && options.choices.includes(stored) ? stored : undefined,
  }
}

export const setting = { text, integer, money, boolean, choice }

export type SettingDefinitions = Record<string, SettingDefinition<any>>

/**
 * What a manifest declares as `settings`: a fixed set, or a function when
 * the settings follow what modules register at run time (a module above the
 * core may declare one setting per item the enabled modules register). The
 * function is called at each read, so enabling or disabling a brick shows or
 * hides the settings derived from what it brings at once.
 */
export type SettingsDeclaration = SettingDefinitions | (() => SettingDefinitions)

/**
 * A module's settings now, whichever way its manifest declares them, with
 * the period of each kind of personal data it declares in `retention`.
 */
export function declaredSettings(definition: {
  settings?: SettingsDeclaration
  retention?: readonly RetentionDeclaration[]
}): SettingDefinitions {
  const declared = definition.settings
  const own = (typeof declared === 'function' ? declared() : declared) ?? {}
  return definition.retention?.length ? { ...own, ...retentionSettings(definition.retention) } : own
}

/** The settings `retention_<key>` a module's retention declarations add to its own. */
export function retentionSettings(
  declarations: readonly RetentionDeclaration[]
): Record<string, SettingDefinition<number>> {
  return Object.fromEntries(
    declarations.map((declaration) => [
      retentionSettingKey(declaration.key),
      integer({
        default: declaration.default,
        min: 1,
        max: declaration.max ?? 1200,
        label: 'common.retention.setting_label',
        help: 'common.retention.setting_help',
        labelParams: {
          kind: declaration.label,
          start: declaration.start,
          unit: `common.retention.units.${declaration.unit}`,
        },
      }),
    ])
  )
}
