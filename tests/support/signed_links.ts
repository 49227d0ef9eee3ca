/**
 * Hours from now until the expiry a signed link carries (its signature's
 * payload holds the date). The framework checks that expiry against the real
 * clock, not the app's: so does this.
 */
export function hoursLeft(link: string) {
  const signature = new URL(link).searchParams.get('signature') ?? ''
  const payload = JSON.parse(Buffer.from(signature.split('.')[0], 'base64url').toString('utf8'))
  return (new Date(payload.expiryDate).getTime() - Date.now()) / 3_600_000
}
