/*
 * The core modules, bottom to top (see the layers in .dependency-cruiser.cjs):
 * folders relative to the application root, each holding a `manifest.ts`.
 * They are always on; bricks are listed in config/bricks.ts.
 */
const modulesConfig = {
  core: [
    'app/accounts',
    'app/jobs',
    'app/notifications',
    'app/workflow',
    'app/demands',
    'app/appointments',
    'app/activities',
    'app/payments',
    'app/connectors',
    'app/back_office',
    'app/portal',
    'app/mediation',
    'app/api',
  ],
}

export default modulesConfig
