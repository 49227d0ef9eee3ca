import { defineConfig } from '@adonisjs/static'

/*
 * Plain files of public/ (logo, favicon). Stylesheets and scripts are served
 * fingerprinted and pre-compressed by the assets service instead.
 */
const staticServerConfig = defineConfig({
  enabled: true,
  etag: true,
  lastModified: true,
  dotFiles: 'ignore',
  maxAge: '1d',
})

export default staticServerConfig
