/**
 * The typed client both the renderer and tests use. The transport is the only
 * thing that differs between Electron (IPC through preload) and the browser
 * (HTTP to the web host).
 *
 * @example const hits = await api.call('patients.search', { query: 'smi' });
 */
import { ApiError, type ApiResult } from './result';
import type { InputOf, OperationName, OutputOf } from './contract';

export interface ApiRequest {
  op: string;
  input: unknown;
  token: string | null;
}

export type Transport = (request: ApiRequest) => Promise<ApiResult<unknown>>;

export interface ApiClient {
  call<K extends OperationName>(op: K, input: InputOf<K>): Promise<OutputOf<K>>;
  setToken(token: string | null): void;
  readonly token: string | null;
}

export function createApiClient(transport: Transport): ApiClient {
  let token: string | null = null;
  return {
    async call(op, input) {
      const result = await transport({ op, input, token });
      if (!result.ok) throw new ApiError(result.error);
      return result.value as never;
    },
    setToken(next) {
      token = next;
    },
    get token() {
      return token;
    },
  };
}
