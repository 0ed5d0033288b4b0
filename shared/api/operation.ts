/**
 * One operation of the API contract: its input schema, who may call it and
 * (type only) what it returns. Every contract file builds its entries with
 * `op`, and shared/api/contract.ts joins them into the one contract.
 *
 * @example
 *   'diagnosisCodes.add': op(addDiagnosisCodeInput, 'clinical.catalogue')<DiagnosisCodeView>(),
 */
import type { z } from 'zod';
import type { Permission } from '../domain/roles';

/** `public`: no session needed; `session`: any signed-in user; otherwise a permission. */
export type Access = 'public' | 'session' | Permission;

export interface Operation<I extends z.ZodType, A extends Access, O> {
  input: I;
  access: A;
  /** Type-only marker for the output; never read at run time. */
  output: O;
}

export const op =
  <I extends z.ZodType, A extends Access>(input: I, access: A) =>
  <O>(): Operation<I, A, O> => ({ input, access, output: undefined as O });
