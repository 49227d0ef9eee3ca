import env from '#start/env'

/**
 * Sets an environment variable for a test, and gives the function that puts
 * back what was there. `env.set` writes process.env too, which the processes
 * a test starts (jobs:work, the server) inherit: a variable that was unset
 * must be unset again, not left as the text "undefined" that their
 * validation of the environment refuses.
 */
export function setEnvForTest(key: string, value: string | boolean | number) {
  const hadValue = Object.prototype.hasOwnProperty.call(process.env, key)
  const before = process.env[key]
  const parsedBefore = env.get(key as any)
  env.set(key as any, value as any)
  return () => {
    env.set(key as any, parsedBefore as any)
    if (hadValue) process.env[key] = before
    else delete process.env[key]
  }
}
