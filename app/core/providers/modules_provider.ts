import { existsSync } from 'node:fs'
import type { ApplicationService } from '@adonisjs/core/types'
import { ModuleRegistry } from '#core/modules/registry'
import modulesConfig from '#config/modules'
import bricksConfig from '#config/bricks'

/**
 * Loads the manifests of the core modules and installed bricks before the
 * routes are read, and gives each module that has views its Edge disk
 * (`name::view`).
 */
export default class ModulesProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(ModuleRegistry, () => new ModuleRegistry(this.app))
  }

  async boot() {
    const registry = await this.app.container.make(ModuleRegistry)
    await registry.load(modulesConfig.core, bricksConfig.installed)

    const edge = (await import('edge.js')).default
    for (const { definition, root } of registry.modules()) {
      const views = this.app.makePath(root, 'views')
      if (existsSync(views)) edge.mount(definition.name, views)
    }
  }
}
