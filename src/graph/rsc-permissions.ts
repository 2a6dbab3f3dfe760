/**
 * The resource-specific permissions the app's manifest asks for (appPackage/manifest.json,
 * authorization.permissions.resourceSpecific; a unit test keeps the two the same). Graph installs an app
 * that asks for RSC only when the installation consents to exactly these.
 */
export const MANIFEST_RSC_PERMISSIONS: ReadonlyArray<{ name: string; type: 'Application' | 'Delegated' }> = [
  { name: 'ChatMessage.Read.Chat', type: 'Application' },
  { name: 'OnlineMeeting.ReadBasic.Chat', type: 'Application' },
  // The meeting's transcript, read after the meeting (issue 20): covers a meeting whose chat has the app.
  { name: 'OnlineMeetingTranscript.Read.Chat', type: 'Application' },
  { name: 'ChannelMessage.Read.Group', type: 'Application' },
  { name: 'ChannelMeeting.ReadBasic.Group', type: 'Application' },
];
