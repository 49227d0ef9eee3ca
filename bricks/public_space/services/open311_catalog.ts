import { absoluteUrl } from '#core/links'
import parvisConfig from '#config/parvis'
import { categoryTree } from '../queries/categories.js'
import CategoryAttribute from '../models/category_attribute.js'
import type Category from '../models/category.js'
import type { Value } from './open311_format.js'

export const OPEN311_BASE = '/open311/v2'
/** The scope an admin grants a client in /agents/admin/api so that its key files reports. */
export const OPEN311_SCOPE = 'open311:write'

/** The city's jurisdiction_id: its web domain without "www." (what the spec suggests). */
export function jurisdiction() {
  return new URL(parvisConfig.appUrl).hostname.replace(/^www\./, '')
}

/** The categories residents may file under (active leaves), each with the name of its root (its group). */
export async function serviceCategories() {
  const groups = await categoryTree()
  return groups.flatMap(({ root, choices }) =>
    choices.map((category) => ({ category, group: root.name }))
  )
}

/** An active leaf of the tree by its code (the `service_code`), or null. */
export async function serviceByCode(code: string) {
  if (!code || code.length > 40) return null
  return (await serviceCategories()).find(({ category }) => category.code === code) ?? null
}

export async function attributesOf(category: Category) {
  return CategoryAttribute.query().where('categoryId', category.id).orderBy('position')
}

/** `services`: one `service` per category a report may be filed under. */
export async function servicesDocument(): Promise<Value> {
  const services = await serviceCategories()
  const withAttributes = new Set(
    (await CategoryAttribute.query().distinct('categoryId').select('categoryId')).map(
      (row) => row.categoryId
    )
  )
  return services.map(({ category, group }) => ({
    service_code: category.code,
    service_name: category.name,
    description: group === category.name ? category.name : `${group} › ${category.name}`,
    metadata: withAttributes.has(category.id),
    type: 'realtime',
    keywords: [group, category.name]
      .filter((word, index, all) => all.indexOf(word) === index)
      .join(','),
    group,
  }))
}

/** `service_definition`: the category's extra questions, in their order. */
export async function definitionDocument(category: Category): Promise<Value> {
  const attributes = await attributesOf(category)
  return {
    service_code: category.code,
    attributes: attributes.map((attribute) => ({
      variable: attribute.variable,
      code: attribute.code,
      datatype: attribute.datatype,
      required: attribute.required,
      datatype_description: attribute.datatypeDescription ?? '',
      order: attribute.position,
      description: attribute.description,
      values: (attribute.choices ?? []).map(({ key, name }) => ({ key, name })),
    })),
  }
}

/** When what this endpoint answers last changed (clients compare it to know whether to look again). */
export const CHANGESET = '2026-12-06T00:00:00+01:00'

/** `discovery`: where the endpoint is, whom to ask for a key, and what it speaks. */
export function discoveryDocument(): Value {
  return {
    changeset: CHANGESET,
    contact: `${parvisConfig.city.name}, ${parvisConfig.city.phone} — ${absoluteUrl('/signalements', {})}`,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: absoluteUrl(OPEN311_BASE, {}),
        changeset: CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  }
}
