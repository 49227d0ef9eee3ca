import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import bricksConfig from '#config/bricks'
import modulesConfig from '#config/modules'
import modules from '#core/services/modules'
import assets from '#core/services/assets'
import { permissionLabel } from '#accounts/services/permissions'
import { settingHelpKey, settingLabelKey } from '#back_office/services/settings_form'
import { declaredSettings } from '#core/modules/settings'

/*
 * Every translation key the code and the views name must exist in French and
 * in English, and both languages must hold the same keys. A missing key shows
 * "translation missing: fr, …" to residents and agents; the test helpers also
 * refuse any page showing it, but only for the pages a test happens to open.
 */

const LOCALES = ['fr', 'en'] as const

/** Lang folders: the core's and each installed brick's (the fixture brick in tests). */
function langRoots() {
  return [
    'resources/lang',
    ...[...modulesConfig.core, ...bricksConfig.installed].map((root) => join(root, 'lang')),
  ].filter((root) => existsSync(app.makePath(root)))
}

function flatten(value: unknown, prefix: string, into: Map<string, string>) {
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, `${prefix}.${key}`, into)
  } else {
    into.set(prefix, String(value))
  }
}

/** Keys of one locale, as @adonisjs/i18n's fs loader names them: `<file name>.<path in the file>`. */
function keysOf(locale: string, roots = langRoots()) {
  const keys = new Map<string, string>()
  for (const root of roots) {
    const folder = app.makePath(root, locale)
    if (!existsSync(folder)) continue
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
      flatten(JSON.parse(readFileSync(join(folder, file), 'utf8')), basename(file, '.json'), keys)
    }
  }
  return keys
}

/** Source files that may name keys: code and views of the core, the bricks and the fixture brick. */
function sourceFiles() {
  const files: string[] = []
  for (const folder of ['app', 'start', 'config', 'resources/views', ...bricksConfig.installed]) {
    for (const entry of readdirSync(app.makePath(folder), { recursive: true }) as string[]) {
      const path = join(folder, entry)
      if (
        /\.(ts|edge)$/.test(entry) &&
        !/(^|\/)(tests|database\/migrations)\//.test(relative(folder, path))
      )
        files.push(path)
    }
  }
  return files
}

interface Reference {
  key: string
  /** The key is completed at run time (`'demands.origins.' + origin`, `` `notifications.kinds.${kind}` ``). */
  dynamic: boolean
  file: string
}

/**
 * Every string literal shaped like a key of a lang file (`<file>.<path>`),
 * whatever passes it to the translator: `t()`, `i18n.t()`, a flash message,
 * a procedure's label, a workflow state, a manifest's navigation.
 */
function keyPattern(namespaces: string[]) {
  return new RegExp(`(['"\`])((?:${namespaces.join('|')})\\.[a-z0-9_.]*)(\\$\\{|\\1)`, 'g')
}

function references(namespaces: string[]) {
  const shape = keyPattern(namespaces)
  const found: Reference[] = []
  for (const file of sourceFiles()) {
    const source = readFileSync(app.makePath(file), 'utf8')
    for (const match of source.matchAll(shape)) {
      // A form's name (formValidator('back_office.agent', …), limits('back_office.agent') in views) is not a key.
      if (
        /\b(formValidator|formLimits|limits)\((\s*'[\w.]*',)*\s*$/.test(
          source.slice(Math.max(0, match.index! - 80), match.index)
        )
      )
        continue
      const key = match[2]
      const dynamic =
        match[3] === '${' ||
        key.endsWith('.') ||
        key.endsWith('_') ||
        /^\s*\+/.test(source.slice(match.index! + match[0].length))
      found.push({ key, dynamic, file })
    }
  }
  return found
}

/** Names of the defined routes (groups and resources included), without committing the router. */
function routeNames(entries: unknown[]): string[] {
  return entries.flatMap((entry: any) => {
    if (Array.isArray(entry.routes)) return routeNames(entry.routes)
    if (entry.route) return routeNames([entry.route])
    const name = typeof entry.getName === 'function' ? entry.getName() : undefined
    return name ? [name] : []
  })
}

/**
 * Literals of the same shape that name something else: routes, permissions
 * and assets are not translated (nor forms' names, skipped by the scan). Audit actions are translated under
 * `back_office.audit.actions.<action>`.
 */
function otherNames() {
  const names = new Set<string>()
  // A route's `.as()` names a part of its full name: the group's prefix, or the route's own suffix.
  for (const name of routeNames(router.routes)) {
    const parts = name.split('.')
    parts.forEach((_, index) => {
      names.add(parts.slice(0, index + 1).join('.'))
      names.add(parts.slice(index).join('.'))
    })
  }
  for (const { name } of modules.permissions()) names.add(name)
  for (const asset of assets.all()) names.add(asset.name)
  return names
}

test.group('Translations', () => {
  test('French and English hold the same keys, none of them empty', ({ assert }) => {
    for (const root of langRoots()) {
      const [fr, en] = LOCALES.map((locale) => keysOf(locale, [root]))
      assert.deepEqual(
        [...fr.keys()].filter((key) => !en.has(key)),
        [],
        `keys of ${root}/fr missing from ${root}/en`
      )
      assert.deepEqual(
        [...en.keys()].filter((key) => !fr.has(key)),
        [],
        `keys of ${root}/en missing from ${root}/fr`
      )
      for (const [locale, keys] of [
        ['fr', fr],
        ['en', en],
      ] as const) {
        assert.deepEqual(
          [...keys].filter(([, text]) => !text.trim()).map(([key]) => key),
          [],
          `empty texts in ${root}/${locale}`
        )
      }
    }
  })

  test('every key named in the code and the views exists in French and in English', ({
    assert,
  }) => {
    const fr = keysOf('fr')
    const en = keysOf('en')
    const namespaces = [...new Set([...fr.keys()].map((key) => key.split('.')[0]))]
    const others = otherNames()
    const found = references(namespaces)
    assert.isAbove(found.length, 500, 'the scan finds the keys the code names')

    const missing: string[] = []
    for (const { key, dynamic, file } of found) {
      if (others.has(key) || fr.has(`back_office.audit.actions.${key}`)) continue
      for (const [locale, keys] of [
        ['fr', fr],
        ['en', en],
      ] as const) {
        const exists = dynamic
          ? [...keys.keys()].some((candidate) => candidate.startsWith(key))
          : keys.has(key)
        if (!exists) missing.push(`${locale}: ${key}${dynamic ? '…' : ''} (${file})`)
      }
    }
    assert.deepEqual([...new Set(missing)], [])
  })

  test('every setting and permission of every installed module has its label (and a setting its help) in French and in English', ({
    assert,
  }) => {
    const fr = keysOf('fr')
    const en = keysOf('en')
    const wanted: string[] = []
    for (const { definition } of modules.modules()) {
      for (const permission of definition.permissions ?? [])
        wanted.push(permissionLabel(permission, definition.name))
      for (const [key, setting] of Object.entries(declaredSettings(definition))) {
        wanted.push(
          settingLabelKey(definition.name, key, setting),
          settingHelpKey(definition.name, key, setting)
        )
        for (const choice of setting.choices ?? [])
          wanted.push(`${definition.name}.settings.${key}.choices.${choice}`)
      }
      if (Object.keys(declaredSettings(definition)).length)
        wanted.push(definition.label ?? `${definition.name}.label`)
    }
    assert.isAbove(wanted.length, 6)
    assert.deepEqual(
      wanted.filter((key) => !fr.has(key) || !en.has(key)),
      []
    )
  })

  test('the scan recognises the ways code and views name keys', ({ assert }) => {
    const shape = keyPattern(['demands', 'common'])
    const sample = `t('demands.contact.title') {{ t(moved ? 'common.yes' : 'common.no') }} i18n.t(\`demands.kinds.\${kind}\`) hint: "demands.x_hint" 'demandsx.y' 'Demands.Title'`
    assert.deepEqual(
      [...sample.matchAll(shape)].map((match) => match[2]),
      ['demands.contact.title', 'common.yes', 'common.no', 'demands.kinds.', 'demands.x_hint']
    )
  })
})

test.group('Views', () => {
  test('no view writes htmx or Alpine attributes that are not valid HTML: their data- forms only', ({
    assert,
  }) => {
    const offenders: string[] = []
    for (const file of sourceFiles().filter((path) => path.endsWith('.edge'))) {
      const source = readFileSync(app.makePath(file), 'utf8')
      const found = source.match(
        /\s(hx-[a-z-]+|x-[a-z-]+(:[\w.-]+)?|@[a-z][\w.-]*|:[a-z][\w-]*)=["']/
      )
      if (found) offenders.push(`${file}: ${found[1]}`)
    }
    assert.deepEqual(offenders, [])
  })

  test('no view reads a variable named state, which Edge reserves for itself', ({ assert }) => {
    const offenders: string[] = []
    for (const file of sourceFiles().filter((path) => path.endsWith('.edge'))) {
      const source = readFileSync(app.makePath(file), 'utf8')
      // Expressions only: mustaches and the arguments of tags; strings removed.
      const expressions = [
        ...source.matchAll(/\{\{\{?([\s\S]*?)\}?\}\}|^\s*@!?\w+(\([^\n]*\))/gm),
      ].map((match) => (match[1] ?? match[2]).replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''"))
      if (expressions.some((expression) => /(?<![\w.$])state\b(?!\s*:)/.test(expression)))
        offenders.push(file)
    }
    assert.deepEqual(offenders, [])
  })
})
