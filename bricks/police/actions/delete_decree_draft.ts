import db from '@adonisjs/lucid/services/db'
import { deleteStored } from '#demands/services/uploads'
import type Decree from '../models/decree.js'

/** An agent drops a draft that was never registered, with its PDF. A registered decree refuses (model hook). */
export default class DeleteDecreeDraft {
  async handle(decree: Decree) {
    const key = decree.storageKey
    await db.transaction(async (trx) => {
      decree.useTransaction(trx)
      await decree.delete()
    })
    await deleteStored([key])
  }
}
