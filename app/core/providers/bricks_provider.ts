import type { ApplicationService } from '@adonisjs/core/types'
import { BrickRegistry } from '#core/bricks/registry'
import bricksConfig from '#config/bricks'
import { existsSync } from 'node:fs'

/**
 * Loads the installed bricks' manifests before the routes are read and gives
 * each brick its Edge disk (`name::view`).
 */
export default class BricksProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(BrickRegistry, () => new BrickRegistry(this.app))
  }

  async boot() {
    const registry = await this.app.container.make(BrickRegistry)
    await registry.load(bricksConfig.installed)

    // Procedures: the core's, then each installed brick's (a disabled
    // brick's procedures stay registered but are closed to filing).
    const { registerProcedure, registerWorkflow } = await import('#demands/procedures/registry')
    const { coreProcedures } = await import('#demands/procedures/core/index')
    for (const procedure of coreProcedures) registerProcedure(procedure)
    for (const { definition } of registry.installed()) {
      for (const workflow of definition.workflows ?? []) registerWorkflow(workflow)
      for (const procedure of definition.procedures ?? []) registerProcedure(procedure, definition.name)
    }

    const edge = (await import('edge.js')).default
    for (const { definition, root } of registry.installed()) {
      const views = this.app.makePath(root, 'views')
      if (existsSync(views)) edge.mount(definition.name, views)
    }
  }
}
