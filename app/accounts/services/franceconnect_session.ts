import type { HttpContext } from '@adonisjs/core/http'
import { randomBytes } from 'node:crypto'
import { endSessionUrl } from '#accounts/franceconnect/client'
import { franceConnect } from '#accounts/franceconnect/settings'

/*
 * What the portal's session keeps about FranceConnect: the pending
 * authorization (state, nonce, what it is for) until the callback, then,
 * for a session that came from FranceConnect, the raw ID token (the
 * id_token_hint of the logout) — which is also how the portal knows that
 * this session really came from FranceConnect.
 */
const FLOW = 'franceconnect_flow'
const ID_TOKEN = 'franceconnect_id_token'
const LOGOUT_STATE = 'franceconnect_logout_state'

export interface FranceConnectFlow {
  state: string
  nonce: string
  intent: 'login' | 'link'
  /** the resident linking their account */
  userId?: number
  returnTo?: string
}

type Session = HttpContext['session']

export function startFlow(session: Session, flow: FranceConnectFlow) {
  session.put(FLOW, flow)
}

/** The pending authorization, used once: a replayed callback finds none. */
export function pullFlow(session: Session): FranceConnectFlow | null {
  const flow = session.pull(FLOW)
  return flow && typeof flow.state === 'string' && typeof flow.nonce === 'string' ? flow : null
}

export function rememberFranceConnectLogin(session: Session, idToken: string) {
  session.put(ID_TOKEN, idToken)
}

/** A password login in this browser: whatever FranceConnect session it had is not this one's. */
export function forgetFranceConnectLogin(session: Session) {
  session.forget(ID_TOKEN)
}

export function cameFromFranceConnect(session: Session) {
  return typeof session.get(ID_TOKEN) === 'string'
}

/**
 * Where logging out sends the browser: FranceConnect's end-session endpoint
 * when the session came from it (null otherwise). Read before the portal's
 * session ends; `keepLogoutState` is called on the new session.
 */
export async function franceConnectLogout(session: Session) {
  const idToken = session.get(ID_TOKEN)
  session.forget(ID_TOKEN)
  if (typeof idToken !== 'string') return null
  const state = randomBytes(24).toString('base64url')
  const url = await endSessionUrl(await franceConnect(), idToken, state)
  return { url, state }
}

export function keepLogoutState(session: Session, state: string) {
  session.put(LOGOUT_STATE, state)
}

/** The end-session return: the state it carries must be the one this browser sent. */
export function logoutReturned(session: Session, state: unknown) {
  const expected = session.pull(LOGOUT_STATE)
  return typeof expected === 'string' && expected === state
}
