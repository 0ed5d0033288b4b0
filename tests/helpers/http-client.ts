/** The app's API over the web host's HTTP endpoint, as the browser calls it (for e2e set-up and checks). */
import { createApiClient, type ApiClient } from '../../shared/api/client';
import type { ApiResult } from '../../shared/api/result';

export function httpClient(url: string): ApiClient {
  return createApiClient(async ({ op, input, token }) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Practice-Desk': '1' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(`${url}api`, { method: 'POST', headers, body: JSON.stringify({ op, input }) });
    return (await response.json()) as ApiResult<unknown>;
  });
}
