import Category from '../models/category.js'

export interface CategoryGroup {
  root: Category
  /** what a resident picks: the root's sub-categories, or the root itself when it has none */
  choices: Category[]
}

/** The active categories as residents choose them: each root with its sub-categories, in the admins' order. */
export async function categoryTree(options: { activeOnly?: boolean } = {}) {
  const query = Category.query().orderBy('position').orderBy('id')
  if (options.activeOnly !== false) query.where('active', true)
  const all = await query
  const roots = all.filter((category) => category.parentId === null)
  return roots.map((root): CategoryGroup => {
    const children = all.filter((category) => category.parentId === root.id)
    return { root, choices: children.length ? children : [root] }
  })
}

/** A category a resident may file under (active, and a leaf of the tree). */
export async function selectableCategory(id: number) {
  const category = await Category.query().where('id', id).where('active', true).first()
  if (!category) return null
  const child = await Category.query().where('parentId', category.id).where('active', true).first()
  return child ? null : category
}

/** Names of categories by id, "Parent › Child" (lists and exports). */
export async function categoryLabels() {
  const all = await Category.query()
  const byId = new Map(all.map((category) => [category.id, category]))
  return new Map(
    all.map((category) => {
      const parent = category.parentId ? byId.get(category.parentId) : null
      return [category.id, parent ? `${parent.name} › ${category.name}` : category.name]
    })
  )
}
