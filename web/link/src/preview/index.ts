// The Portal's live preview of the Link UI (web/portal imports from here): mountLinkPreview and
// the shapes of what it is given.
export { mountLinkPreview } from './mount-preview';
export type { LinkPreviewHandle, LinkPreviewOptions, PreviewScreen } from './mount-preview';
export type { LinkPreviewInput, LinkPreviewIntegration } from './preview-state';
