import Sector from '../models/sector.js'

export class SectorKnownError extends Error {}

/** An admin adds a sector of the call lists (its name unique). */
export default class AddSector {
  async handle(input: { name: string; streets?: string }) {
    if (await Sector.query().whereRaw('lower(name) = ?', [input.name.toLowerCase()]).first())
      throw new SectorKnownError()
    return Sector.create({ name: input.name, streets: input.streets ?? null })
  }
}
