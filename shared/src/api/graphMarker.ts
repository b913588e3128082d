/**
 * How a merged message carries its row identity in Exchange: a named single-value extended
 * property on the message. Graph can filter Drafts and Sent Items by it, which is how a campaign
 * finds out, after an ambiguous failure, whether a row's message exists or was sent.
 */
export const ROW_MARKER_PROPERTY_ID = 'String {4c0f8e2a-8d9b-4e4b-9c3f-6b1e2d7a5f10} Name OutmergeRowId';

/** The OData filter Graph accepts for a message carrying this marker value. */
export function markerFilter(marker: string): string {
  return `singleValueExtendedProperties/Any(ep: ep/id eq '${ROW_MARKER_PROPERTY_ID}' and ep/value eq '${marker.replace(/'/g, "''")}')`;
}

/**
 * PidTagMessageClass ([MS-OXCMSG] 2.2.1.3) as Graph names a MAPI property by its tag: `IPM.Note`
 * for mail, `REPORT.IPM.Note.NDR` for a non-delivery report. Graph's message resource has no
 * message class of its own, so a report is told from a reply by this property.
 */
export const MESSAGE_CLASS_PROPERTY_ID = 'String 0x001A';
