// SPDX-License-Identifier: MIT
/**
 * The tray icon: a 32x32 black key on transparent PNG, inline so the packaged app needs no asset
 * path. On macOS it is a template image (the system tints it for light and dark menu bars).
 */
export const TRAY_ICON_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAZElEQVR42u2WWwoAIAgEvf+l7T8o2lofwQ74FegEppkJIT7AF1FWOEXEwSgtTpU4TR4mgSakCjhBwDNvT+8ZCbQTYDXhfLbNHfEMnwQYgwgSiBjFsAB7GV0PqdJ13OJDIoRIYQDSJO4SIUkCeAAAAABJRU5ErkJggg==';
