/**
 * Typed settings a module declares in its manifest, edited by admins in
 * /agents/admin/reglages and read by the code with `settings.get()`. Each
 * kind knows how to read what an admin typed (French style: "2,85" €), how to
 * show it back, and how to store it (a string in the `settings` table).
 */
export interface SettingDefinition<T> {
  kind: 'text' | 'integer' | 'money' | 'boolean' | 'choice'
  default: T
  /** i18n key of the label; default `<module>.settings.<key>.label` */
  label?: string
  /** i18n key of the help text; default `<module>.settings.<key>.help` */
  help?: string
  /** for choices: the allowed values (labels are i18n keys `<module>.settings.<key>.choices.<value>`) */
  choices?: readonly string[]
  min?: number
  max?: number
  maxLength?: number
  /** reads a typed value; returns an error key of `settings.errors.*` when it is not acceptable */
  parse(input: string): { value: T } | { error: string; params?: Record<string, unknown> }
  /** what the form shows */
  format(value: T): string
  serialize(value: T): string
  deserialize(stored: string): T
}

function text(options: { default: string; maxLength?: number; label?: string; help?: string }): SettingDefinition<string> {
  const maxLength = options.maxLength ?? 2000
  return {
    kind: 'text',
    ...options,
    maxLength,
    parse: (input) => (input.length > maxLength ? { error: 'too_long', params: { max: maxLength } } : { value: input.trim() }),
    format: (value) => value,
    serialize: (value) => value,
    deserialize: (stored) => stored,
  }
}

function integer(options: { default: number; min?: number; max?: number; label?: string; help?: string }): SettingDefinition<number> {
  return {
    kind: 'integer',
    ...options,
    parse(input) {
      const trimmed = input.trim().replace(/\s/g, '')
      if (!/^-?\d+$/.test(trimmed)) return { error: 'not_integer' }
      const value = Number(trimmed)
      if (options.min !== undefined && value < options.min) return { error: 'too_small', params: { min: options.min } }
      if (options.max !== undefined && value > options.max) return { error: 'too_large', params: { max: options.max } }
      return { value }
    },
    format: (value) => String(value),
    serialize: (value) => String(value),
    deserialize: (stored) => Number(stored),
  }
}

/** An amount in euros, kept in cents; typed "2,85" or "2.85". */
function money(options: { default: number; min?: number; max?: number; label?: string; help?: string }): SettingDefinition<number> {
  return {
    kind: 'money',
    ...options,
    parse(input) {
      const trimmed = input.trim().replace(/\s|€/g, '').replace(',', '.')
      if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return { error: 'not_money' }
      const cents = Math.round(Number(trimmed) * 100)
      if (options.min !== undefined && cents < options.min) return { error: 'too_small_money', params: { min: (options.min / 100).toFixed(2).replace('.', ',') } }
      if (options.max !== undefined && cents > options.max) return { error: 'too_large_money', params: { max: (options.max / 100).toFixed(2).replace('.', ',') } }
      return { value: cents }
    },
    format: (value) => (value / 100).toFixed(2).replace('.', ','),
    serialize: (value) => String(value),
    deserialize: (stored) => Number(stored),
  }
}

function boolean(options: { default: boolean; label?: string; help?: string }): SettingDefinition<boolean> {
  return {
    kind: 'boolean',
    ...options,
    parse: (input) => ({ value: input === 'true' || input === 'on' || input === '1' }),
    format: (value) => (value ? 'true' : 'false'),
    serialize: (value) => (value ? 'true' : 'false'),
    deserialize: (stored) => stored === 'true',
  }
}

function choice<const C extends readonly string[]>(options: { choices: C; default: C[number]; label?: string; help?: string }): SettingDefinition<C[number]> {
  return {
    kind: 'choice',
    ...options,
    parse: (input) => (options.choices.includes(input) ? { value: input } : { error: 'not_a_choice' }),
    format: (value) => value,
    serialize: (value) => value,
    deserialize: (stored) => (options.choices.includes(stored) ? stored : options.default),
  }
}

export const setting = { text, integer, money, boolean, choice }
