import type { I18n } from '@adonisjs/i18n'
import HouseholdMember from '#accounts/models/household_member'
import type Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import { presentAnswers } from '#demands/procedures/present'

/**
 * A demand's answers ready to show (review page, resident and agent pages,
 * PDF receipt): with the files attached to its questions and the names of
 * the household members it mentions.
 */
export async function answerSections(demand: Demand, procedure: ProcedureDefinition, i18n: I18n) {
  const files = await DemandFile.query()
    .where('demandId', demand.id)
    .whereNotNull('fieldName')
    .orderBy('id')
  const members = demand.userId ? await HouseholdMember.query().where('userId', demand.userId) : []
  return presentAnswers(procedure, demand.answers, { i18n, files, householdMembers: members })
}
