import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import { createAgent } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'
import { enrolledAgent } from '#back_office/tests/support/second_factor'

/**
 * The second factor's pages in the forms fuzzer: an agent with a factor
 * whose login waits for its code (so the code page shows its form to the
 * visitor carrying that session), and the colleague's factor, which the
 * admin's reset form removes.
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ colleague }) => {
  const waiting = await createAgent({ services: ['accueil'], email: 'fuzz-code@ville.example' })
  await enrolledAgent(waiting)
  await enrolledAgent(colleague)
  return {
    session: { agent_second_factor_pending: { agentId: waiting.id, since: clock.nowMs() } },
    params: {
      '/agents/admin/agents/:id/double-authentification/reinitialisation': [
        { params: { id: colleague.id } },
      ],
    },
  }
}

export default fuzzSamples
