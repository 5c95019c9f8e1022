// The app-wide API client. main.ts sets what a 401 does (see setUnauthorizedHandler).
import { createApiClient } from './client'

let unauthorizedHandler: (() => void) | null = null

export function setUnauthorizedHandler(handler: () => void): void {
  unauthorizedHandler = handler
}

export const api = createApiClient({
  baseUrl: '/api/v1',
  onUnauthorized: () => unauthorizedHandler?.(),
})

export { ApiError, isApiError, errorMessage } from './client'
export type * from './types'
