/** The playground's signature logo (a 96×24 PNG): an inline image of the sample message, as Outlook keeps a signature logo. */
export const SAMPLE_LOGO = {
  name: 'contoso-logo.png',
  contentType: 'image/png',
  contentId: 'contoso-logo.png@outmerge.playground',
  contentBytes:
    'iVBORw0KGgoAAAANSUhEUgAAAGAAAAAYCAIAAACKi2/DAAAAUUlEQVR42u3WsQkAIAwEQDdwUVd0Nu0tRBCMyj1fBZLiqqQm0yQEgACFAOVSF7uze08BAQL0D9Bw4aEJIECAAAECBAiQRxEQIECxQAIIEKAD6U3TX71jHa8QAAAAAElFTkSuQmCC',
} as const;
