import demands from '#api/resources/demands'
import appointments from '#api/resources/appointments'
import invoices from '#api/resources/invoices'

/** The core modules' resources, which sit below this module (see manifest.ts). */
export default [...demands, ...appointments, ...invoices]
