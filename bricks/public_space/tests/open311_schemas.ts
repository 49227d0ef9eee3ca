/*
 * The shapes of Open311 GeoReport v2 documents, written from the spec
 * (wiki.open311.org/GeoReport_v2, notes in /shared/specs/open311.md) as JSON
 * Schemas (draft 2020-12 subset ajv reads). The JSON form is checked as
 * sent; the XML form is read with a real XML parser, its list containers
 * turned into arrays, and checked against the same schemas with ajv's type
 * coercion (so `<lat>48.63</lat>` must read as a number and `<metadata>` as
 * true or false).
 */
import { Ajv } from 'ajv'
import { XMLParser } from 'fast-xml-parser'

const dateTime = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
}
const text = { type: 'string' }

export const schemas = {
  discovery: {
    type: 'object',
    required: ['changeset', 'contact', 'endpoints'],
    additionalProperties: false,
    properties: {
      changeset: dateTime,
      contact: text,
      key_service: text,
      endpoints: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['specification', 'url', 'changeset', 'type', 'formats'],
          additionalProperties: false,
          properties: {
            specification: text,
            url: { type: 'string', pattern: '^https?://' },
            changeset: dateTime,
            type: { enum: ['production', 'test'] },
            formats: { type: 'array', minItems: 1, items: text },
          },
        },
      },
    },
  },
  services: {
    type: 'array',
    items: {
      type: 'object',
      required: [
        'service_code',
        'service_name',
        'description',
        'metadata',
        'type',
        'keywords',
        'group',
      ],
      additionalProperties: false,
      properties: {
        service_code: { type: 'string', minLength: 1 },
        service_name: text,
        description: text,
        metadata: { type: 'boolean' },
        type: { enum: ['realtime', 'batch', 'blackbox'] },
        keywords: text,
        group: text,
      },
    },
  },
  service_definition: {
    type: 'object',
    required: ['service_code', 'attributes'],
    additionalProperties: false,
    properties: {
      service_code: { type: 'string', minLength: 1 },
      attributes: {
        type: 'array',
        items: {
          type: 'object',
          required: [
            'variable',
            'code',
            'datatype',
            'required',
            'datatype_description',
            'order',
            'description',
          ],
          additionalProperties: false,
          properties: {
            variable: { type: 'boolean' },
            code: { type: 'string', minLength: 1 },
            datatype: {
              enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'],
            },
            required: { type: 'boolean' },
            datatype_description: text,
            order: { type: 'integer', minimum: 1 },
            description: text,
            values: {
              type: 'array',
              items: {
                type: 'object',
                required: ['key', 'name'],
                additionalProperties: false,
                properties: { key: text, name: text },
              },
            },
          },
        },
      },
    },
  },
  service_requests: {
    type: 'array',
    items: {
      type: 'object',
      required: [
        'service_request_id',
        'status',
        'service_name',
        'service_code',
        'description',
        'requested_datetime',
        'updated_datetime',
        'address',
        'lat',
        'long',
      ],
      additionalProperties: false,
      properties: {
        service_request_id: { type: 'string', minLength: 1 },
        status: { enum: ['open', 'closed'] },
        status_notes: text,
        service_name: text,
        service_code: text,
        description: text,
        agency_responsible: text,
        service_notice: text,
        requested_datetime: dateTime,
        updated_datetime: dateTime,
        expected_datetime: dateTime,
        address: text,
        address_id: text,
        zipcode: { type: 'string', pattern: '^\\d{5}$' },
        lat: { type: 'number', minimum: -90, maximum: 90 },
        long: { type: 'number', minimum: -180, maximum: 180 },
        media_url: { type: 'string', pattern: '^https?://' },
      },
    },
  },
  created: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      additionalProperties: false,
      oneOf: [{ required: ['service_request_id'] }, { required: ['token'] }],
      properties: {
        service_request_id: { type: 'string', minLength: 1 },
        token: { type: 'string', minLength: 1 },
        service_notice: text,
        account_id: text,
      },
    },
  },
  errors: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['code', 'description'],
      additionalProperties: false,
      properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
    },
  },
} as const

export type Shape = keyof typeof schemas

const strict = new Ajv({ allErrors: true })
const coercing = new Ajv({ allErrors: true, coerceTypes: true })

/** The list containers of GeoReport v2 and the element each holds. */
const LISTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: false,
  isArray: (name) => Object.values(LISTS).includes(name),
})

/** An XML document's root element name and its content, list containers as arrays. */
export function readXml(xml: string): { root: string; declaration: string; value: unknown } {
  const parsed = parser.parse(xml, true) as Record<string, any>
  const declaration = parsed['?xml']
  const roots = Object.keys(parsed).filter((key) => key !== '?xml')
  if (roots.length !== 1) throw new Error(`Expected one root element, got ${roots.join(', ')}`)
  const root = roots[0]
  return { root, declaration, value: listify(root, parsed[root]) }
}

function listify(name: string, node: any): unknown {
  const item = LISTS[name]
  if (item) {
    if (node === '' || node === undefined) return []
    return ((node[item] ?? []) as unknown[]).map((child) => listify(item, child))
  }
  if (node && typeof node === 'object')
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => [key, listify(key, child)])
    )
  return node
}

/** The errors of a JSON value against a shape ([] when it matches). */
export function jsonErrors(shape: Shape, value: unknown) {
  const validate = strict.compile(schemas[shape])
  return validate(value) ? [] : (validate.errors ?? [])
}

/** The errors of an XML document's content against a shape, read as a client reads it. */
export function xmlErrors(shape: Shape, value: unknown) {
  const validate = coercing.compile(structuredClone(schemas[shape]) as object)
  const copy = structuredClone(value)
  return validate(copy) ? [] : (validate.errors ?? [])
}
