import { configApp } from '@adonisjs/eslint-config'

export default configApp(
  {
    name: 'Parvis',
    ignores: ['build/**', 'tmp/**', 'public/**', 'node_modules/**'],
  },
  {
    name: 'Parvis habits',
    rules: {
      // `(await import('#x')).default` and `(await query)[0]` are how lazy
      // imports and single aggregate rows read in AdonisJS code.
      '@unicorn/no-await-expression-member': 'off',
    },
  }
)
