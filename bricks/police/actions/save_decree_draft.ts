import db from '@adonisjs/lucid/services/db'
import { deleteStored } from '#demands/services/uploads'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Decree, { searchKey } from '../models/decree.js'
import type { DecreeInput } from '../validators/decrees.js'
import type { StoredDecreePdf } from '../services/decree_files.js'

export interface DraftRelations {
  targetId: number | null
  residentId: number | null
}

/** Writes the streets or places of a decree, one row each, as the search and the works list read them. */
export async function writePlaces(trx: TransactionClientContract, decree: Decree) {
  await trx.from('police_decree_places').where('decree_id', decree.id).delete()
  const rows = [...new Set(decree.placeList)].map((place) => ({
    decree_id: decree.id,
    place: place.slice(0, 200),
    place_key: searchKey(place).slice(0, 200),
  }))
  if (rows.length) await trx.table('police_decree_places').multiInsert(rows)
}

export function decreeSearchText(fields: { title: string; places: string; kind: string }) {
  return searchKey(`${fields.title} ${fields.places} ${fields.kind.replace(/_/g, ' ')}`)
}

/**
 * An agent writes a decree into the register as a draft, or corrects a draft:
 * what it says, what it concerns and its signed PDF. A registered decree is
 * refused by the model itself (RegisteredDecreeError).
 */
export default class SaveDecreeDraft {
  async handle(
    decree: Decree | null,
    input: DecreeInput,
    relations: DraftRelations,
    pdf: StoredDecreePdf | null,
    agentId: number | null
  ) {
    const places = (input.places ?? '')
      .split('\n')
      .map((line) => line.trim().replace(/\s+/g, ' '))
      .filter(Boolean)
      .join('\n')
    const fields = {
      title: input.title,
      kind: input.kind,
      signatory: input.signatory,
      signedOn: input.signedOn,
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
      places,
      searchText: decreeSearchText({ title: input.title, places, kind: input.kind }),
      targetId: relations.targetId,
      targetEffect: relations.targetId ? (input.targetEffect ?? 'modifie') : null,
      residentId: input.kind === 'individuel' ? relations.residentId : null,
      ...(pdf ?? {}),
    }
    const previousKey = decree?.storageKey
    try {
      const saved = await db.transaction(async (trx) => {
        let row: Decree
        if (decree) {
          decree.useTransaction(trx)
          decree.merge(fields)
          await decree.save()
          row = decree
        } else {
          row = await Decree.create({ ...fields, createdBy: agentId } as any, { client: trx })
        }
        await writePlaces(trx, row)
        return row
      })
      // A draft's PDF replaced: the old file goes, once the row points to the new one.
      if (pdf && previousKey) await deleteStored([previousKey])
      return saved
    } catch (error) {
      if (pdf) await deleteStored([pdf.storageKey])
      throw error
    }
  }
}
