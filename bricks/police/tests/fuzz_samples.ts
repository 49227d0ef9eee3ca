import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import { mergeFuzzSamples } from '#tests/support/fuzz_samples'
import otvSamples from './fuzz_samples_otv.js'
import decreesSamples from './fuzz_samples_decrees.js'
import apiSamples from './fuzz_samples_api.js'

/** The records the brick's routes point to in the forms fuzzer: OTV's and the decrees'. */
const fuzzSamples: FuzzSamplesBuilder = async (core) =>
  mergeFuzzSamples([await otvSamples(core), await decreesSamples(core), await apiSamples()])

export default fuzzSamples
