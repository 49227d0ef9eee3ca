import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import { mergeFuzzSamples } from '#tests/support/fuzz_samples'
import registerSamples from './fuzz_samples_register.js'
import seniorsSamples from './fuzz_samples_seniors.js'
import confidentialSamples from './fuzz_samples_confidential.js'

/** The records the brick's routes point to in the forms fuzzer, part by part. */
const fuzzSamples: FuzzSamplesBuilder = async (core) =>
  mergeFuzzSamples([
    await registerSamples(core),
    await seniorsSamples(core),
    await confidentialSamples(core),
  ])

export default fuzzSamples
