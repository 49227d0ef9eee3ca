import { defineConfig } from '@adonisjs/core/app'

export default defineConfig({
  directories: {
    commands: 'commands',
    views: 'resources/views',
  },

  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('@adonisjs/bouncer/commands'),
    () => import('@adonisjs/mail/commands'),
  ],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    {
      file: () => import('@adonisjs/core/providers/repl_provider'),
      environment: ['repl', 'test'],
    },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/static/static_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/i18n/i18n_provider'),
    () => import('@adonisjs/bouncer/bouncer_provider'),
    () => import('@adonisjs/mail/mail_provider'),
    () => import('@adonisjs/drive/drive_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('#core/providers/core_provider'),
    () => import('#core/providers/modules_provider'),
  ],

  preloads: [() => import('#start/preload')],

  tests: {
    suites: [
      {
        files: [
          'tests/unit/**/*.spec(.ts|.js)',
          'app/*/tests/unit/**/*.spec(.ts|.js)',
          'bricks/*/tests/unit/**/*.spec(.ts|.js)',
        ],
        name: 'unit',
        timeout: 5000,
      },
      {
        files: [
          'tests/functional/**/*.spec(.ts|.js)',
          'app/*/tests/functional/**/*.spec(.ts|.js)',
          'bricks/*/tests/functional/**/*.spec(.ts|.js)',
        ],
        name: 'functional',
        timeout: 30000,
      },
      {
        files: [
          'tests/browser/**/*.spec(.ts|.js)',
          'app/*/tests/browser/**/*.spec(.ts|.js)',
          'bricks/*/tests/browser/**/*.spec(.ts|.js)',
        ],
        name: 'browser',
        // Journeys audit a dozen pages each; leave room on a busy 2-core machine.
        timeout: 300000,
      },
    ],
    forceExit: true,
  },

  metaFiles: [
    { pattern: 'resources/views/**/*.edge', reloadServer: false },
    { pattern: 'resources/lang/**/*.{json,yaml}', reloadServer: false },
    { pattern: 'resources/css/**/*', reloadServer: false },
    { pattern: 'resources/js/**/*', reloadServer: false },
    { pattern: 'resources/data/**/*', reloadServer: false },
    { pattern: 'public/**', reloadServer: false },
    { pattern: 'bricks/*/views/**/*.edge', reloadServer: false },
    { pattern: 'bricks/*/lang/**/*.{json,yaml}', reloadServer: false },
    { pattern: 'app/*/lang/**/*.{json,yaml}', reloadServer: false },
    { pattern: 'app/*/views/**/*.edge', reloadServer: false },
    { pattern: 'tests/fixtures/**/*.{edge,json}', reloadServer: false },
  ],
})
