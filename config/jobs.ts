import env from '#start/env'

/**
 * The jobs outbox's workers (README, "Environment variables"): where they
 * run, and how fast a crashed worker's jobs are taken over.
 */
const jobsConfig = {
  /** run a worker inside each web process (the embedded SQLite install) rather than `node ace jobs:work` processes */
  inProcess: env.get('JOBS_IN_PROCESS', env.get('DB_CONNECTION', 'sqlite') === 'sqlite'),
  /** a worker marks the jobs it holds as alive this often */
  heartbeatSeconds: env.get('JOBS_HEARTBEAT_SECONDS', 10),
  /** a running job without a sign of life for this long belongs to a dead worker and is taken over */
  staleAfterSeconds: env.get('JOBS_STALE_AFTER_SECONDS', 45),
}

export default jobsConfig
