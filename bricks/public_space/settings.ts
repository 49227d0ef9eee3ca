import { setting } from '#core/modules/settings'

/**
 * What the city sets itself in /agents/admin/reglages (read with
 * readSettings('public_space', publicSpaceSettings)).
 */
export const publicSpaceSettings = {
  /** The city's boundary: points "latitude longitude" separated by ";" (at least three); reports outside are refused. */
  boundary: setting.text({
    default: '48.600 2.400; 48.600 2.480; 48.660 2.480; 48.660 2.400',
    maxLength: 20_000,
  }),
  /** The city's areas for the statistics: one a line, "Name: lat lng; lat lng" (two opposite corners of a rectangle). */
  areas: setting.text({
    default:
      'Nord-Ouest: 48.630 2.400; 48.660 2.440\nNord-Est: 48.630 2.440; 48.660 2.480\nSud-Ouest: 48.600 2.400; 48.630 2.440\nSud-Est: 48.600 2.440; 48.630 2.480',
    maxLength: 20_000,
  }),
  /** Open reports of the same category closer than this (metres) are offered to follow instead of filing. */
  duplicateRadius: setting.integer({ default: 50, min: 5, max: 1000 }),
  /** How long after "résolu" the reporter may still say the problem is not fixed (days). */
  reopenDays: setting.integer({ default: 14, min: 1, max: 90 }),
}
