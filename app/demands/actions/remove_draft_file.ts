import db from '@adonisjs/lucid/services/db'
import type Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import DemandModel from '#demands/models/demand'
import { deleteStored } from '#demands/services/uploads'
import { lockForUpdate } from '#core/database/dialect'

/** Takes a file off a draft: its row, its place in the answers, then the stored bytes. */
export default class RemoveDraftFile {
  async handle(draft: Demand, fileId: number) {
    const key = await db.transaction(async (trx) => {
      const locked = await lockForUpdate(
        DemandModel.query({ client: trx }).where('id', draft.id).where('state', 'draft'),
        trx
      ).first()
      if (!locked) return null
      const file = await DemandFile.query({ client: trx })
        .where('demandId', draft.id)
        .where('id', fileId || 0)
        .first()
      if (!file) return null
      await file.useTransaction(trx).delete()
      const answers = { ...locked.answers }
      if (file.fieldName && Array.isArray(answers[file.fieldName])) {
        const rest = (answers[file.fieldName] as number[]).filter((id) => Number(id) !== file.id)
        if (rest.length) answers[file.fieldName] = rest
        else delete answers[file.fieldName]
      }
      locked.useTransaction(trx)
      locked.answers = answers
      await locked.save()
      return file.storageKey
    })
    if (key) await deleteStored([key])
  }
}
