/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g
/** Half of a surrogate pair without its other half: not a character, and invalid in UTF-8 (PostgreSQL's jsonb refuses it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** A text without control characters (tab and line breaks kept) nor broken characters (replaced by U+FFFD). */
export function cleanText(value: string) {
  return value.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROLS, '')
}

/** The same, through the objects and arrays a parsed query string or body is made of; other values (numbers, uploaded files) are left alone. */
export function cleanInput<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T
  if (Array.isArray(value)) return value.map((item) => cleanInput(item)) as T
  if (
    value &&
    typeof value === 'object' &&
    (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
  ) {
    const cleaned: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const name = cleanText(key)
      // "__pro\0to__" must not become a way to set a prototype.
      if (!FORBIDDEN_KEYS.has(name)) cleaned[name] = cleanInput(item)
    }
    return cleaned as T
  }
  return value
}
