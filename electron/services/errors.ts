/** Shorthands for the typed errors services throw; the router sends them as data. */
import { ApiError } from '../../shared/api/result';
import { t, type MessageKey, type MessageParams } from '../../shared/i18n';

export function validationError(fields: Record<string, string>): ApiError {
  return new ApiError({ kind: 'validation', message: t('err.validation'), fields });
}

export function notFound(what: string): ApiError {
  return new ApiError({ kind: 'not_found', message: t('err.notFound', { what }) });
}

export function conflict(key: MessageKey, params?: MessageParams): ApiError {
  return new ApiError({ kind: 'conflict', message: t(key, params) });
}

export function forbidden(role: string): ApiError {
  return new ApiError({ kind: 'forbidden', message: t('err.forbidden', { role }) });
}
