import { Env } from '@adonisjs/core/env'
import { postgresHost } from '#core/database/postgres_host'

/*
 * Every setting Parvis reads from the environment, validated at boot. Optional
 * settings carry a default or are optional, so that every ace command boots
 * without them (see README, "Environment variables").
 */
export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number.optional(),
  HOST: Env.schema.string.optional({ format: 'host' }),
  APP_KEY: Env.schema.string(),
  APP_URL: Env.schema.string.optional(),
  LOG_LEVEL: Env.schema.enum.optional([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ] as const),
  TZ: Env.schema.string.optional(),

  CITY_NAME: Env.schema.string.optional(),
  REFERENCE_PREFIX: Env.schema.string.optional(),
  PARVIS_BRICKS: Env.schema.string.optional(),
  /* Map tiles: URL template ({z}/{x}/{y}, optional {s}) and their attribution (HTML); default OpenStreetMap. */
  MAP_TILE_URL: Env.schema.string.optional(),
  MAP_TILE_ATTRIBUTION: Env.schema.string.optional(),
  /* Seed the demo city on the first start (the local .env says true; never set it on a real city's server). */
  PARVIS_DEMO: Env.schema.boolean.optional(),
  /* Where `npm start` keeps the SQLite file, uploaded files and backups (default: data/ in the checkout). */
  DATA_DIR: Env.schema.string.optional(),
  /* Where SQLite backups are written (default: DATA_DIR/backups, else tmp/backups) and how many are kept. */
  BACKUP_DIR: Env.schema.string.optional(),
  BACKUP_KEEP: Env.schema.number.optional(),

  DB_CONNECTION: Env.schema.enum.optional(['sqlite', 'pg'] as const),
  SQLITE_PATH: Env.schema.string.optional(),
  /* A host, or the directory of PostgreSQL's Unix socket on the same machine (e.g. /var/run/postgresql). */
  DB_HOST: postgresHost,
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string.optional(),
  DB_SSL: Env.schema.boolean.optional(),
  /* false when a pooler in transaction mode cannot keep named prepared statements (see app/core/database/prepared_statements.ts). */
  DB_PREPARED_STATEMENTS: Env.schema.boolean.optional(),

  SESSION_DRIVER: Env.schema.enum.optional(['database', 'cookie', 'memory'] as const),
  /* A session ends after this long without a request, and this long after login at the latest (e.g. 2h, 30m, 12h). */
  SESSION_IDLE_TIMEOUT: Env.schema.string.optional(),
  SESSION_MAX_LIFETIME: Env.schema.string.optional(),
  LIMITER_STORE: Env.schema.enum.optional(['memory', 'database'] as const),

  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),
  SMTP_IGNORE_TLS: Env.schema.boolean.optional(),
  /* Milliseconds before giving up on an SMTP server that does not connect, greet or answer (the mail is retried later). */
  SMTP_CONNECTION_TIMEOUT: Env.schema.number.optional(),
  SMTP_GREETING_TIMEOUT: Env.schema.number.optional(),
  SMTP_SOCKET_TIMEOUT: Env.schema.number.optional(),
  MAIL_FROM_ADDRESS: Env.schema.string.optional(),
  MAIL_FROM_NAME: Env.schema.string.optional(),

  JOBS_IN_PROCESS: Env.schema.boolean.optional(),
  /* A worker signs of life for its jobs every JOBS_HEARTBEAT_SECONDS; silent for JOBS_STALE_AFTER_SECONDS, its jobs go to another worker. */
  JOBS_HEARTBEAT_SECONDS: Env.schema.number.optional(),
  JOBS_STALE_AFTER_SECONDS: Env.schema.number.optional(),
  /* Reverse proxies whose X-Forwarded-For is believed (proxy-addr names or CIDRs, comma-separated; default loopback). */
  TRUSTED_PROXIES: Env.schema.string.optional(),

  /* Where uploaded files live: fs (DRIVE_ROOT, one server) or s3 (any S3-compatible store, shared by several servers). */
  DRIVE_DISK: Env.schema.enum.optional(['fs', 's3'] as const),
  DRIVE_ROOT: Env.schema.string.optional(),
  S3_ENDPOINT: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_BUCKET: Env.schema.string.optional(),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),
  /* true for most S3-compatible servers (bucket in the path: http://host/bucket/key); false for AWS's virtual-host style. */
  S3_FORCE_PATH_STYLE: Env.schema.boolean.optional(),

  /* /metrics answers Prometheus only with "Authorization: Bearer <METRICS_TOKEN>"; unset: /metrics does not exist. */
  METRICS_TOKEN: Env.schema.string.optional(),
  /* Where uploaded files wait while their request runs (removed at its end); default: the system's temporary folder. */
  UPLOADS_TMP_DIR: Env.schema.string.optional(),

  /* Brick administration: ANTS anti-duplicate API (unset: the embedded simulator) and the hub's token for our endpoints. */
  ANTS_API_URL: Env.schema.string.optional(),
  ANTS_API_TOKEN: Env.schema.string.optional(),
  ANTS_HUB_TOKEN: Env.schema.string.optional(),

  /* Payments: PayFiP (DGFiP) in production; the embedded simulator otherwise. */
  PAYMENT_PROVIDER: Env.schema.enum.optional(['payfip', 'simulator'] as const),
  PAYFIP_NUMCLI: Env.schema.string.optional(),
  PAYFIP_SAISIE: Env.schema.enum.optional(['T', 'X', 'W'] as const),
  PAYFIP_URL: Env.schema.string.optional(),
  PAYFIP_PAGE_URL: Env.schema.string.optional(),
  /* SMS: Octopush's transactional API when SMS_PROVIDER=octopush, the loopback simulator otherwise */
  SMS_PROVIDER: Env.schema.enum.optional(['octopush', 'simulator'] as const),
  OCTOPUSH_URL: Env.schema.string.optional(),
  OCTOPUSH_API_LOGIN: Env.schema.string.optional(),
  OCTOPUSH_API_KEY: Env.schema.string.optional(),

  /* Residents' FranceConnect v2: the issuer (endpoints from its discovery document), the partner space's client, the scopes asked, the signature algorithm declared there. Unset issuer: a local FranceConnect-like provider. */
  FRANCECONNECT_ISSUER: Env.schema.string.optional(),
  FRANCECONNECT_CLIENT_ID: Env.schema.string.optional(),
  FRANCECONNECT_CLIENT_SECRET: Env.schema.string.optional(),
  FRANCECONNECT_SCOPES: Env.schema.string.optional(),
  FRANCECONNECT_SIGNING_ALG: Env.schema.enum.optional(['ES256', 'RS256'] as const),
})
