import { contactProcedure } from '#demands/procedures/core/contact'

/** The procedures the core ships, whatever bricks are enabled. */
export const coreProcedures = [contactProcedure]
