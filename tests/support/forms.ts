/**
 * Reads the forms of a rendered page the way a browser would submit them:
 * their method, action, encoding and fields (with type, maxlength, value and
 * choices). Enough for pages rendered by our own Edge components; not a
 * general HTML parser.
 */
export interface FormField {
  name: string
  tag: 'input' | 'textarea' | 'select'
  type: string
  maxlength: number | null
  value: string
  checked: boolean
  options: string[]
  inputmode: string | null
}

export interface PageForm {
  method: 'GET' | 'POST'
  /** path and query string, resolved against the page */
  action: string
  multipart: boolean
  fields: FormField[]
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
}

export function decodeEntities(text: string) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(code.slice(2), 16))
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)))
    return ENTITIES[code.toLowerCase()] ?? whole
  })
}

function attributes(tag: string) {
  const found: Record<string, string> = {}
  const pattern = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g
  const inner = tag.replace(/^<\s*[a-zA-Z]+/, '').replace(/\/?>$/, '')
  for (const match of inner.matchAll(pattern))
    found[match[1].toLowerCase()] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '')
  return found
}

/** The forms of a page; `pageUrl` resolves relative or missing actions. */
export function formsOf(html: string, pageUrl: string): PageForm[] {
  const forms: PageForm[] = []
  for (const match of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)) {
    const whole = match[0]
    const open = /^<form\b[^>]*>/i.exec(whole)![0]
    const attrs = attributes(open)
    const action = new URL(attrs.action || pageUrl, 'http://parvis.test' + pageUrl)
    const fields: FormField[] = []
    for (const element of whole.matchAll(
      /<(input|textarea|select)\b[^>]*>(?:([\s\S]*?)<\/\1>)?/gi
    )) {
      const tag = element[1].toLowerCase() as FormField['tag']
      const own = attributes(/^<[^>]*>/.exec(element[0])![0])
      if (!own.name) continue
      const body = tag === 'input' ? '' : (element[2] ?? '')
      const options =
        tag === 'select'
          ? [...body.matchAll(/<option\b[^>]*>/gi)].map(
              (option) => attributes(option[0]).value ?? ''
            )
          : []
      const selected =
        tag === 'select'
          ? [...body.matchAll(/<option\b[^>]*>/gi)]
              .map((option) => attributes(option[0]))
              .find((option) => 'selected' in option)
          : undefined
      fields.push({
        name: own.name,
        tag,
        type: tag === 'input' ? (own.type ?? 'text').toLowerCase() : tag,
        maxlength: own.maxlength !== undefined ? Number(own.maxlength) : null,
        value:
          tag === 'textarea'
            ? decodeEntities(body)
            : tag === 'select'
              ? (selected?.value ?? options[0] ?? '')
              : (own.value ?? ''),
        checked: 'checked' in own,
        options,
        inputmode: own.inputmode ?? null,
      })
    }
    forms.push({
      method: (attrs.method ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET',
      action: action.pathname + action.search,
      multipart: (attrs.enctype ?? '').toLowerCase() === 'multipart/form-data',
      fields,
    })
  }
  return forms
}

/** Inputs a person types text into (maxlength applies to them). */
export function isTextEntry(field: FormField) {
  return (
    field.tag === 'textarea' ||
    (field.tag === 'input' &&
      ['text', 'search', 'email', 'tel', 'password', 'url'].includes(field.type))
  )
}

/** What the browser would send for the form as rendered: hidden values, checked boxes, selected options, typed texts. */
export function defaultValues(form: PageForm) {
  const values: Record<string, string | string[]> = {}
  for (const field of form.fields) {
    if (field.type === 'file' || field.type === 'submit' || field.type === 'button') continue
    if ((field.type === 'checkbox' || field.type === 'radio') && !field.checked) continue
    const previous = values[field.name]
    if (field.name.endsWith('[]'))
      values[field.name] = [...(Array.isArray(previous) ? previous : []), field.value]
    else values[field.name] = field.value
  }
  return values
}

/**
 * The form as a person would fill it: what the page shows (hidden values,
 * checked boxes, selected options, texts already there), and a plausible
 * value in each empty field, so that a request goes past validation unless
 * one field is made wrong on purpose.
 */
export function filledValues(form: PageForm, today: string): [string, string][] {
  const pairs: [string, string][] = []
  const seen = new Set<string>()
  for (const field of form.fields) {
    if (['file', 'submit', 'button', 'reset', 'image'].includes(field.type)) continue
    if (field.type === 'radio') {
      if (seen.has(field.name)) continue
      const group = form.fields.filter((candidate) => candidate.name === field.name)
      pairs.push([field.name, (group.find((candidate) => candidate.checked) ?? group[0]).value])
      seen.add(field.name)
      continue
    }
    if (field.type === 'checkbox') {
      if (field.checked || (field.name.endsWith('[]') && !seen.has(field.name)))
        pairs.push([field.name, field.value])
      seen.add(field.name)
      continue
    }
    if (field.tag === 'select') {
      pairs.push([field.name, field.value || field.options.find(Boolean) || ''])
      continue
    }
    pairs.push([field.name, field.value || plausible(field, today)])
  }
  return pairs
}

function plausible(field: FormField, today: string) {
  const name = field.name.toLowerCase()
  if (field.type === 'hidden') return ''
  if (field.type === 'email' || name.includes('email')) return 'jeanne.essai@example.org'
  if (field.type === 'tel' || name.includes('phone')) return '06 12 34 56 78'
  if (field.type === 'password') return 'un cheval bleu mange des pommes'
  if (field.type === 'date') return today
  if (field.type === 'time') return name.includes('end') ? '11:00' : '10:00'
  if (field.type === 'month') return today.slice(0, 7)
  if (name.includes('postal')) return '91000'
  if (name === 'slug') return 'service_essai'
  if (name.startsWith('numero')) return '1234567890'
  if (field.inputmode === 'numeric' || field.inputmode === 'decimal') return '3'
  if (field.tag === 'textarea') return 'Un message ordinaire, écrit par une personne.'
  return 'Texte ordinaire'
}
