import vine from '@vinejs/vine'

/** Which updates on their demands a resident wants by mail (unchecked boxes are absent: false). */
export const preferencesValidator = vine.compile(
  vine.object({
    notifyByEmail: vine.boolean().optional(),
    mailOnStatusChange: vine.boolean().optional(),
    mailOnMessage: vine.boolean().optional(),
  })
)
