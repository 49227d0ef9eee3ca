import { existsSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { defineConfig, formatters, loaders } from '@adonisjs/i18n'
import bricksConfig from '#config/bricks'
import modulesConfig from '#config/modules'

/*
 * French first, English available. Strings shared by every page (common,
 * validation messages) live in resources/lang; each module's, core or
 * brick, in its own lang/ folder.
 */
const i18nConfig = defineConfig({
  defaultLocale: 'fr',
  supportedLocales: ['fr', 'en'],
  fallbackLocales: { en: 'fr' },
  formatter: formatters.icu(),
  loaders: [
    loaders.fs({ location: app.languageFilesPath() }),
    ...[...modulesConfig.core, ...bricksConfig.installed]
      .map((root) => app.makePath(root, 'lang'))
      .filter((folder) => existsSync(folder))
      .map((location) => loaders.fs({ location })),
  ],
})

export default i18nConfig
