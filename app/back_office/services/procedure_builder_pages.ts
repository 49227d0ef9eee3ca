import type { I18n } from '@adonisjs/i18n'
import Service from '#accounts/models/service'
import BuiltProcedure from '#demands/models/built_procedure'
import BuiltProcedureVersion from '#demands/models/built_procedure_version'
import { CATALOGUE_CATEGORIES } from '#core/modules/catalogue_categories'
import {
  FIELD_TYPES,
  FILE_KINDS,
  FILERS,
  OPERATORS,
  PREFILL_SOURCES,
  toProcedure,
  type DocumentProblem,
  type ProcedureDocument,
} from '#demands/procedures/built/document'
import { registerBuiltWorkflow, registerMessages } from '#demands/procedures/built/published'
import { documentProblems } from '#back_office/actions/publish_built_procedure'
import { earlierFields, formatChoices, findField } from '#back_office/services/procedure_draft'
import { assertFound, found } from '#core/http/not_found'
import { workflowSummary } from '#back_office/services/workflow_pages'
import Demand from '#demands/models/demand'
import { stepView } from '#demands/services/step_view'

/* What the builder's pages show, put together once for the controller. */

export const BUILDER_URL = '/agents/admin/demarches'

export async function findBuilt(id: unknown) {
  return found(await BuiltProcedure.find(Number(id) || 0))
}

export function problemTexts(i18n: I18n, problems: DocumentProblem[]) {
  return problems.map((problem) => i18n.t(problem.key, problem.data))
}

/** The lists of the settings form: categories, services, who may file. */
export async function generalOptions(i18n: I18n) {
  const services = await Service.query().where('active', true).orderBy('name')
  return {
    categories: CATALOGUE_CATEGORIES.map((value) => ({
      value,
      label: i18n.t(`common.catalogue_categories.${value}`),
    })),
    services: services.map((service) => ({ value: service.slug, label: service.name })),
    filers: FILERS.map((value) => ({
      value,
      label: i18n.t(`back_office.builder.filers.${value}`),
    })),
  }
}

export function fieldTypeOptions(i18n: I18n) {
  return FIELD_TYPES.map((value) => ({
    value,
    label: i18n.t(`back_office.builder.types.${value}`),
  }))
}

/** The overview of one procedure: its draft, what stops it being published, its versions. */
export async function procedurePage(built: BuiltProcedure, i18n: I18n) {
  const versions = await BuiltProcedureVersion.query()
    .where('builtProcedureId', built.id)
    .orderBy('version', 'desc')
  const counts = await Demand.query()
    .where('procedureKey', built.key)
    .whereNot('state', 'draft')
    .groupBy('procedureVersion')
    .select('procedureVersion')
    .count('* as total')
  return {
    built,
    document: built.draft,
    problems: problemTexts(i18n, await documentProblems(built.draft)),
    versions: versions.map((version) => ({
      version: version.version,
      publishedAt: version.publishedAt,
      demands: Number(
        counts.find((row) => row.procedureVersion === version.version)?.$extras.total ?? 0
      ),
    })),
    typeLabel: (type: string) => i18n.t(`back_office.builder.types.${type}`),
    fieldTypes: fieldTypeOptions(i18n),
    ...workflowSummary(built.draft),
  }
}

/** The edit form of one field, with the fields its condition may name. */
export function fieldPage(built: BuiltProcedure, name: string, i18n: I18n) {
  const place = found(findField(built.draft, name))
  const field = place.field
  return {
    built,
    field,
    stepTitle: place.step.title.fr,
    choices: formatChoices(field),
    earlier: earlierFields(built.draft, name).map((other) => ({
      value: other.name,
      label: other.label.fr,
    })),
    operators: OPERATORS.map((value) => ({
      value,
      label: i18n.t(`back_office.builder.operators.${value}`),
    })),
    prefills: PREFILL_SOURCES.map((value) => ({
      value,
      label: i18n.t(`back_office.builder.prefills.${value.replace('profile.', '')}`),
    })),
    fileKinds: FILE_KINDS.map((value) => ({ value, label: value.toUpperCase() })),
    memberKinds: ['adult', 'child'].map((value) => ({
      value,
      label: i18n.t(`back_office.builder.member_kinds.${value}`),
    })),
    typeLabel: i18n.t(`back_office.builder.types.${field.type}`),
  }
}

/**
 * The draft as the engine would run it, its texts registered under the
 * draft's own keys, for the preview. Null when it does not pass the checks
 * yet (the preview says what to fix).
 */
export async function previewProcedure(document: ProcedureDocument) {
  if ((await documentProblems(document)).length) return null
  const { procedure, messages, workflow } = toProcedure(document, 'draft')
  await registerMessages(messages)
  registerBuiltWorkflow(workflow)
  return procedure
}

/**
 * One step of the preview: what the real filing page of that step gets,
 * for an empty draft nobody saves; "Continuer" goes to the next step.
 */
export async function previewPage(built: BuiltProcedure, step: number, i18n: I18n) {
  const procedure = await previewProcedure(built.draft)
  if (!procedure) return null
  const stepIndex = step - 1
  assertFound(stepIndex >= 0 && stepIndex < procedure.steps.length)
  const draft = new Demand().merge({ procedureKey: procedure.key, answers: {}, currentStep: 0 })
  const form = await stepView({
    procedure,
    demand: draft,
    stepIndex,
    user: null,
    i18n,
    oldInput: null,
  })
  const here = `${BUILDER_URL}/${built.id}/apercu`
  return {
    procedure,
    draft,
    stepIndex,
    total: procedure.steps.length,
    stepTitles: procedure.steps.map((candidate) => i18n.t(candidate.title)),
    action: `${here}/${step}`,
    previous: stepIndex > 0 ? `${here}/${stepIndex}` : `${BUILDER_URL}/${built.id}`,
    revealed: false,
    ...form,
  }
}
