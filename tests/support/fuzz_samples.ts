import type { CoreWorld } from '#tests/support/world'

export type Who = 'anonymous' | 'resident' | 'agent'

/** The parameters of one target of a route (several variants are several targets). */
export interface FuzzVariant {
  params: Record<string, string | number>
  who?: Who
  query?: string
}

/**
 * What a module adds to the world the forms fuzzer tries every route in:
 * the default export of `<module>/tests/fuzz_samples.ts`, given the core's
 * world (its resident, admin, household…) and returning the records its own
 * routes point to.
 */
export interface FuzzSamples {
  /** By route pattern: the records its parameters point to (added to the core's variants, if any). */
  params?: Record<string, FuzzVariant[]>
  /** Entries of the session a visitor or resident carries; lists are joined to the core's. */
  session?: Record<string, unknown>
  /** Forms whose refusal must keep everything typed (tests/functional/fuzz/typed_input.spec.ts). */
  kept?: { who: Who; page: string; action?: RegExp }[]
}

export type FuzzSamplesBuilder = (core: CoreWorld) => Promise<FuzzSamples>

/** The modules' samples as one. */
export function mergeFuzzSamples(all: FuzzSamples[]): Required<FuzzSamples> {
  const merged: Required<FuzzSamples> = { params: {}, session: {}, kept: [] }
  for (const samples of all) {
    for (const [pattern, variants] of Object.entries(samples.params ?? {}))
      merged.params[pattern] = [...(merged.params[pattern] ?? []), ...variants]
    for (const [key, value] of Object.entries(samples.session ?? {})) {
      const before = merged.session[key]
      merged.session[key] =
        Array.isArray(before) && Array.isArray(value) ? [...before, ...value] : value
    }
    merged.kept.push(...(samples.kept ?? []))
  }
  return merged
}
