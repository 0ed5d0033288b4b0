/**
 * How every API call answers, over IPC and HTTP alike. Errors travel as data
 * because Electron keeps only `message` of a thrown error (electron#24427).
 */
export type ApiErrorKind =
  | 'validation' // input failed its schema; `fields` says which and why
  | 'unauthenticated' // no session, or it expired
  | 'forbidden' // signed in, but the role does not allow it
  | 'not_found'
  | 'conflict' // the operation clashes with current data (e.g. practice already set up)
  | 'duplicate_warning' // registration looks like an existing patient; confirm to go on
  | 'unknown_operation'
  | 'internal';

export interface ApiErrorBody {
  kind: ApiErrorKind;
  message: string;
  /** Per-field messages, keyed by dotted path (`patient.dateOfBirth`). */
  fields?: Record<string, string>;
  /** Extra structured detail, e.g. the likely duplicates. */
  detail?: unknown;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** The error the client rebuilds from an `ApiErrorBody`, so callers can `catch` it. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly fields: Record<string, string> | undefined;
  readonly detail: unknown;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.kind = body.kind;
    this.fields = body.fields;
    this.detail = body.detail;
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { kind: this.kind, message: this.message };
    if (this.fields) body.fields = this.fields;
    if (this.detail !== undefined) body.detail = this.detail;
    return body;
  }
}
