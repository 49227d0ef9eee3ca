import { clock } from '#core/clock'
import RegisterEntry from '../models/register_entry.js'

/** An agent places a registration in its sector and marks it checked: its retention period starts again. */
export default class CheckRegistration {
  async handle(entry: RegisterEntry, sectorId: number) {
    const now = clock.now()
    entry.merge({ sectorId, checkedAt: now, confirmedAt: now })
    return entry.save()
  }
}
