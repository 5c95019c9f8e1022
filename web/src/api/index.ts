// The app-wide API client. main.ts sets what a 401 does (see setUnauthorizedHandler).
import { createApiClient, type ApiError } from './client'

let unauthorizedHandler: ((error: ApiError) => void) | null = null

export function setUnauthorizedHandler(handler: (error: ApiError) => void): void {
  unauthorizedHandler = handler
}

export const api = createApiClient({
  baseUrl: '/api/v1',
  onUnauthorized: (error) => unauthorizedHandler?.(error),
})

export { ApiError, isApiError, errorMessage } from './client'
export type * from './types'
