import { spawn, type ChildProcess } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import { clock } from '#core/clock'

/**
 * A real `node ace jobs:work` process, as README's production step 6 starts
 * it, sharing the test's database, SMTP server and clock (PARVIS_NOW).
 */
export interface WorkerProcess {
  pid: number
  /** the job types it runs, by queue, as it announced them when it started */
  queues: Map<string, string[]>
  /** everything it printed so far */
  output(): string
  /** SIGTERM, as a process manager stops it; resolves with the exit code */
  stop(): Promise<number | null>
  /** SIGKILL: a crash, the machine lost; nothing is cleaned up */
  kill(): Promise<void>
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
const ANSI = /\u001b\[[0-9;]*m/g

/*
 * Every worker a test started dies with the test process, whatever happens:
 * a worker left behind would go on claiming the next runs' jobs.
 */
const children = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})

export async function startWorkerProcess(
  options: { env?: Record<string, string>; args?: string[]; bootTimeoutMs?: number } = {}
): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    ['ace', 'jobs:work', '--poll-interval=100', ...(options.args ?? [])],
    {
      cwd: app.makePath(),
      env: { ...process.env, ...clock.environment(), LOG_LEVEL: 'warn', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  )
  children.add(child)
  child.once('exit', () => children.delete(child))
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk.toString().replace(ANSI, '')))
  child.stderr.on('data', (chunk) => (output += chunk.toString().replace(ANSI, '')))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code))
  )

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(
          `jobs:work did not start within ${options.bootTimeoutMs ?? 60_000} ms:\n${output}`
        )
      )
    }, options.bootTimeoutMs ?? 60_000)
    const check = () => {
      if (!/worker \S+ started/.test(output)) return
      // The queue lines follow the "started" line in the same tick or the next.
      setTimeout(() => {
        clearTimeout(timer)
        child.stdout.off('data', check)
        resolve()
      }, 200)
    }
    child.stdout.on('data', check)
    exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`jobs:work exited (${code}) before starting:\n${output}`))
    })
  })

  const queues = new Map<string, string[]>()
  for (const [, queue, names] of output.matchAll(/queue (\S+): (.*)/g)) {
    queues.set(
      queue,
      names.includes('(no job type)') ? [] : names.split(',').map((name) => name.trim())
    )
  }
  return {
    pid: child.pid!,
    queues,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode
      child.kill('SIGTERM')
      return exited
    },
    async kill() {
      if (child.exitCode !== null) return
      child.kill('SIGKILL')
      await exited
    },
  }
}
