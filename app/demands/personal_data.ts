import type { PersonalDataDeclaration, PersonalDataFile } from '#core/modules/personal_data'
import { jsonColumn } from '#core/modules/personal_data'
import { storedTimestamp } from '#core/database/dialect'

/** A stored name made safe as a file name inside the archive. */
function archiveName(name: string) {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 100) || 'fichier'
}

/**
 * What the demands engine holds about a resident. Drafts go with the account.
 * A filed demand is an administrative record: it is detached from the account
 * and kept, with the applicant's name the file needs (not their address
 * or phone: nobody is to be reached there any more), until its
 * procedure's retention after closing (the nightly apply_retention deletes it
 * then); its notifications go at once.
 */
export const demandsPersonalData: PersonalDataDeclaration[] = [
  {
    key: 'demands',
    label: 'demands.personal_data.demands',
    tables: ['demands', 'demand_events', 'demand_files'],
    async export({ userId, client }) {
      const demands = await client.from('demands').where('user_id', userId).orderBy('id')
      const ids = demands.map((demand) => demand.id)
      const events = ids.length
        ? await client
            .from('demand_events')
            .whereIn('demand_id', ids)
            .where('visible_to_resident', true)
            .orderBy('id')
        : []
      const visibleEvents = new Set(events.map((event) => event.id))
      const files = ids.length
        ? (await client.from('demand_files').whereIn('demand_id', ids).orderBy('id')).filter(
            (file) => file.event_id === null || visibleEvents.has(file.event_id)
          )
        : []
      const archived: PersonalDataFile[] = []
      const rows = demands.map((demand) => {
        const folder = archiveName(demand.reference ?? `brouillon-${demand.id}`)
        const own = files.filter((file) => file.demand_id === demand.id)
        const paths = own.map((file) => {
          const path = `${folder}/${file.id}-${archiveName(file.original_name)}`
          archived.push({ path, storageKey: file.storage_key })
          return path
        })
        return {
          reference: demand.reference,
          procedure: demand.procedure_key,
          state: demand.state,
          origin: demand.origin,
          applicant: {
            firstName: demand.applicant_first_name,
            lastName: demand.applicant_last_name,
            email: demand.applicant_email,
            phone: demand.applicant_phone,
          },
          answers: jsonColumn(demand.answers),
          submittedAt: demand.submitted_at,
          dueAt: demand.due_at,
          closedAt: demand.closed_at,
          timeline: events
            .filter((event) => event.demand_id === demand.id)
            .map((event) => ({
              kind: event.kind,
              by: event.actor_type,
              fromState: event.from_state,
              toState: event.to_state,
              message: event.body,
              at: event.created_at,
            })),
          files: paths,
        }
      })
      return { rows, files: archived }
    },
    async kept({ userId, client }) {
      const filed = await client
        .from('demands')
        .where('user_id', userId)
        .whereNot('state', 'draft')
        .select('procedure_key', 'closed_at')
      if (filed.length === 0) return []
      // loaded here: the manifest that lists this declaration is read before the procedures' registry
      const { findProcedure } = await import('#demands/procedures/registry')
      const { procedureTimes } = await import('#demands/services/procedure_settings')
      const procedures = [...new Set(filed.map((demand) => demand.procedure_key))]
        .map((key) => findProcedure(key))
        .filter((procedure): procedure is NonNullable<typeof procedure> => Boolean(procedure))
      const times = await procedureTimes(procedures, client)
      const open = filed.filter((demand) => !demand.closed_at)
      const closed = filed.filter((demand) => demand.closed_at)
      let until = null
      for (const demand of closed) {
        const months = times.get(demand.procedure_key)?.retentionMonths ?? 0
        const end = storedTimestamp(demand.closed_at)!.plus({ months })
        if (!until || end > until) until = end
      }
      return [
        ...(closed.length
          ? [
              {
                label: 'demands.personal_data.kept_closed',
                count: closed.length,
                reason: 'demands.personal_data.kept_reason',
                until,
              },
            ]
          : []),
        ...(open.length
          ? [
              {
                label: 'demands.personal_data.kept_open',
                count: open.length,
                reason: 'demands.personal_data.kept_reason',
                until: null,
                untilText: 'demands.personal_data.kept_open_until',
              },
            ]
          : []),
      ]
    },
    async erase({ userId, client }) {
      const drafts = await client
        .from('demands')
        .where('user_id', userId)
        .where('state', 'draft')
        .select('id')
      const draftIds = drafts.map((draft) => draft.id)
      const files = draftIds.length
        ? await client.from('demand_files').whereIn('demand_id', draftIds).select('storage_key')
        : []
      if (draftIds.length) await client.from('demands').whereIn('id', draftIds).delete()
      await client
        .from('demands')
        .where('user_id', userId)
        .update({ user_id: null, applicant_email: null, applicant_phone: null })
      return files.map((file) => file.storage_key)
    },
  },
  {
    key: 'notifications',
    label: 'demands.personal_data.notifications',
    tables: ['notifications'],
    async export({ userId, client }) {
      const rows = await client
        .from('notifications as n')
        .leftJoin('demands as d', 'd.id', 'n.demand_id')
        .where('n.user_id', userId)
        .orderBy('n.id')
        .select('n.kind', 'n.to_state', 'n.created_at', 'n.read_at', 'n.mailed_at', 'd.reference')
      return {
        rows: rows.map((row) => ({
          demand: row.reference,
          kind: row.kind,
          toState: row.to_state,
          at: row.created_at,
          readAt: row.read_at,
          mailedAt: row.mailed_at,
        })),
      }
    },
    async erase({ userId, client }) {
      await client.from('notifications').where('user_id', userId).delete()
    },
  },
]
