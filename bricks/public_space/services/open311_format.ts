import type { HttpContext } from '@adonisjs/core/http'
import type { DateTime } from 'luxon'

/**
 * GeoReport v2's two formats from one value. JSON is the mechanical mapping
 * of the XML: a list container (`services`, `service_requests`, `errors`,
 * `attributes`, `values`…) is an array, its XML form a container element
 * holding one element per item, always written even when empty, since
 * clients read them as lists whatever their length. Booleans are
 * `true`/`false`, dates ISO 8601 with the city's offset; absent values are
 * left out of both.
 */
export type Format = 'xml' | 'json'
export type Value =
  string | number | boolean | null | undefined | Value[] | { [key: string]: Value }

/** The element each list container holds. */
const ITEMS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
}

const CONTENT_TYPES: Record<Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
}

/** `requests.xml` → xml; anything else than .xml or .json is not a resource of ours. */
export function formatOf(resource: string | undefined): Format | null {
  const match = /\.(xml|json)$/.exec(resource ?? '')
  return match ? (match[1] as Format) : null
}

/** What comes before the `.xml`/`.json` of a path segment (`requests/S-2026-000001.xml`). */
export function baseOf(resource: string) {
  return resource.replace(/\.(xml|json)$/, '')
}

export function isoDate(date: DateTime | null | undefined) {
  return date ? date.setZone('Europe/Paris').toISO({ suppressMilliseconds: true }) : null
}

function escape(text: string) {
  return (
    text
      // Characters XML 1.0 cannot carry at all.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  )
}

function element(name: string, value: Value): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) {
    const item = ITEMS[name]
    if (!item) throw new Error(`No item element for the list ${name}`)
    return `<${name}>${value.map((entry) => element(item, entry)).join('')}</${name}>`
  }
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([key, child]) => element(key, child))
      .join('')}</${name}>`
  return `<${name}>${escape(String(value))}</${name}>`
}

function withoutAbsent(value: Value): Value {
  if (Array.isArray(value)) return value.map(withoutAbsent)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, child]) => child !== null && child !== undefined)
        .map(([key, child]) => [key, withoutAbsent(child)])
    )
  return value
}

/** The document: `root` names the XML root; JSON is the root's value itself. */
export function render(format: Format, root: string, value: Value) {
  if (format === 'json') return JSON.stringify(withoutAbsent(value))
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`
}

export function send(ctx: HttpContext, format: Format, root: string, value: Value, status = 200) {
  ctx.response.status(status)
  ctx.response.header('Content-Type', CONTENT_TYPES[format])
  ctx.response.header('Cache-Control', 'no-store')
  ctx.response.send(render(format, root, value))
}

export class Open311Error extends Error {
  constructor(
    public status: 400 | 403 | 404 | 429,
    public description: string,
    public headers: Record<string, string> = {}
  ) {
    super(description)
  }
}

/** An `errors` document: one `error` with the HTTP status as its code and what went wrong. */
export function sendError(ctx: HttpContext, format: Format, error: Open311Error) {
  for (const [name, value] of Object.entries(error.headers)) ctx.response.header(name, value)
  send(
    ctx,
    format,
    'errors',
    [{ code: error.status, description: error.description }],
    error.status
  )
}
