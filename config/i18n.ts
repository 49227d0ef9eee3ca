import { existsSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { defineConfig, loaders } from '@adonisjs/i18n'
import bricksConfig from '#config/bricks'
import modulesConfig from '#config/modules'
import { MemoizedIcuFormatter } from '#core/services/icu_formatter'

/*
 * French first, English available. Strings shared by every page (common,
 * validation messages) live in resources/lang; each module's, core or
 * brick, in its own lang/ folder. Messages are ICU, each parsed once per
 * locale (the package's formatter parses at every t()).
 */
const i18nConfig = defineConfig({
  defaultLocale: 'fr',
  supportedLocales: ['fr', 'en'],
  fallbackLocales: { en: 'fr' },
  formatter: () => new MemoizedIcuFormatter(),
  loaders: [
    loaders.fs({ location: app.languageFilesPath() }),
    ...[...modulesConfig.core, ...bricksConfig.installed]
      .map((root) => app.makePath(root, 'lang'))
      .filter((folder) => existsSync(folder))
      .map((location) => loaders.fs({ location })),
  ],
})

export default i18nConfig
