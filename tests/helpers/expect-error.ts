import { expect } from 'vitest';
import { ApiError, type ApiErrorKind } from '../../shared/api/result';

/** Await a call that must fail with a typed API error, and return it. */
export async function expectApiError(promise: Promise<unknown>, kind: ApiErrorKind): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected a ${kind} error`).toBeInstanceOf(ApiError);
  expect((error as ApiError).kind).toBe(kind);
  return error as ApiError;
}
