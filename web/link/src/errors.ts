import { LinkApiError } from './api';
import { uiText, type Texts } from './text';

/** The server's message when it sent one (it is written for the SMB), else our own wording. */
export function describeError(texts: Texts, error: unknown): string {
  if (error instanceof LinkApiError) {
    if (error.message) return error.message;
    if (error.code === 'network_error') return uiText(texts, 'ui.error.network');
  }
  return uiText(texts, 'ui.error.generic');
}
