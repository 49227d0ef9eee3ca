import { defineConfig } from '@adonisjs/core/bodyparser'

/*
 * Read by the request body middleware (app/core/middleware/request_body_middleware.ts),
 * which sets the multipart limits per route: a route takes files only when it
 * declares how many bytes of them (acceptsUploads), and the files of a request
 * are removed when it ends.
 */
const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
    // Every text field has a maxlength; a form with several long texts in accented French stays far below.
    limit: '1mb',
  },
  json: {
    convertEmptyStringsToNull: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  multipart: {
    autoProcess: true,
    convertEmptyStringsToNull: true,
    processManually: [],
    // Replaced per route by the request body middleware.
    limit: '1mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
