import Category from '../models/category.js'

export interface CategoryInput {
  name: string
  code: string
  parent?: number
  serviceSlug: string
  team?: string
  position?: number
  active?: boolean
}

export class CategoryProblem extends Error {
  constructor(
    public field: string,
    public key: string
  ) {
    super(key)
  }
}

/**
 * Adds or changes a category of the tree. Two levels: a parent is a root;
 * a code is unique (it is the Open311 service_code); a category is routed to
 * a service that exists. Reports already filed keep the service they were routed to.
 */
export default class SaveCategory {
  async handle(input: CategoryInput, existing: Category | null, services: string[]) {
    if (!services.includes(input.serviceSlug))
      throw new CategoryProblem('serviceSlug', 'public_space.categories.unknown_service')
    const sameCode = await Category.findBy('code', input.code)
    if (sameCode && sameCode.id !== existing?.id)
      throw new CategoryProblem('code', 'public_space.categories.code_taken')
    const parent = input.parent ? await Category.find(input.parent) : null
    if (input.parent && (!parent || parent.parentId !== null || parent.id === existing?.id))
      throw new CategoryProblem('parent', 'public_space.categories.bad_parent')
    const category = existing ?? new Category()
    category.merge({
      name: input.name,
      code: input.code,
      parentId: parent?.id ?? null,
      serviceSlug: input.serviceSlug,
      team: input.team ?? null,
      position: input.position ?? 0,
      active: input.active ?? false,
    })
    return category.save()
  }
}
