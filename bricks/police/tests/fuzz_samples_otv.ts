import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import OtvPassage from '../models/otv_passage.js'
import Sector from '../models/sector.js'
import { fileOtv, town } from './support.js'
import { clock } from '#core/clock'

/**
 * The records the OTV routes point to in the forms fuzzer: the demo
 * resident's absence in a sector of the town, and an open anomaly on it.
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ resident }) => {
  // the demo city's sectors when it is seeded (its Centre holds the same streets), else the test town
  const centre = (await Sector.findBy('name', 'Centre'))?.id ?? (await town()).centre
  const { absence } = await fileOtv(resident)
  const passage = await OtvPassage.create({
    absenceId: absence.id,
    agentId: null,
    passedAt: clock.now(),
    remark: null,
    anomaly: true,
  })
  return {
    params: {
      '/police-municipale/tranquillite-vacances/:id': [{ params: { id: absence.id } }],
      '/police-municipale/tranquillite-vacances/gerer/:reference': [
        { params: { reference: absence.reference } },
      ],
      '/police-municipale/tranquillite-vacances/:id/dates': [{ params: { id: absence.id } }],
      '/police-municipale/tranquillite-vacances/:id/annuler': [{ params: { id: absence.id } }],
      '/police-municipale/tranquillite-vacances/:id/retour': [{ params: { id: absence.id } }],
      '/agents/police-municipale/tranquillite-vacances/secteurs/:id/impression': [
        { params: { id: centre } },
      ],
      '/agents/police-municipale/tranquillite-vacances/secteurs/:id/patrouille': [
        { params: { id: centre } },
      ],
      '/agents/police-municipale/tranquillite-vacances/foyers/:id/passages': [
        { params: { id: absence.id } },
      ],
      '/agents/police-municipale/tranquillite-vacances/passages/:id/cloture': [
        { params: { id: passage.id } },
      ],
    },
  }
}

export default fuzzSamples
