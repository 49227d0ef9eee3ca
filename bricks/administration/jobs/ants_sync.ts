import { defineJob } from '#jobs/registry'
import { antsClient } from '../connectors/ants.js'

export interface AntsDeclaration {
  applicationId: string
  meetingPoint: string
  meetingPointId: string
  /** Paris wall-clock time, YYYY-MM-DDTHH:MM:SS */
  appointmentDate: string
  managementUrl: string
}

/*
 * Declarations to and withdrawals from ANTS's anti-duplicate register,
 * enqueued in the transaction that books, moves or cancels the appointment
 * and retried (with backoff) until ANTS answers. Both calls are idempotent
 * on ANTS's side: a declaration repeated replaces itself, a withdrawal of
 * something already gone counts 0 rows.
 */
export const antsDeclareJob = defineJob<AntsDeclaration>({
  queue: 'ants',
  orderingKey: (declaration) => `ants:${declaration.applicationId}`,
  maxAttempts: 20,
  async handle(declaration) {
    await (await antsClient()).declare(declaration)
  },
})

export const antsWithdrawJob = defineJob<Omit<AntsDeclaration, 'managementUrl'>>({
  queue: 'ants',
  orderingKey: (declaration) => `ants:${declaration.applicationId}`,
  maxAttempts: 20,
  async handle(declaration) {
    await (await antsClient()).remove(declaration)
  },
})
