/** Calls to the Outmerge server's JSON API, with its error shape turned into a typed error. */
import type { ClientConfig } from '#shared/api/clientConfig.js';
import { isApiErrorBody } from '#shared/api/errors.js';

export type { ClientConfig };

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    /** The API's stable error code, or NETWORK when the server could not be reached. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function apiFetch<T>(path: string, request: ApiRequest = {}, fetchImpl: typeof fetch = fetch): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  if (request.token) headers.Authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
  } catch (error) {
    throw new ApiRequestError(0, 'NETWORK', error instanceof Error ? error.message : 'Network error');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isApiErrorBody(payload)) throw new ApiRequestError(response.status, payload.error.code, payload.error.message);
    throw new ApiRequestError(
      response.status,
      response.status >= 500 ? 'INTERNAL' : 'UNKNOWN',
      `HTTP ${response.status}`,
    );
  }
  return payload as T;
}

export function loadClientConfig(): Promise<ClientConfig> {
  return apiFetch<ClientConfig>('/app-config.json');
}
