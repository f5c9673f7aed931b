// For the preview's unit tests: a platform as the Portal sends it, with what a test changes.
import type { LinkPreviewIntegration } from './preview-state';

export const testPlatform = (key: string, name: string, sourceType: string, extra: Partial<LinkPreviewIntegration> = {}): LinkPreviewIntegration => ({
  key,
  name,
  logoUrl: `/logos/${key}.svg`,
  sourceType,
  isSandbox: false,
  authType: 'oauth2',
  enabled: true,
  ...extra,
});
