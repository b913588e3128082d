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
 * The campaign a message belongs to, as a second named property of the same set: Graph's filter
 * on a single-value extended property compares its value for equality, so one exact filter lists
 * every message of a campaign (the held messages of a scheduled campaign, to cancel it).
 */
export const CAMPAIGN_MARKER_PROPERTY_ID = 'String {4c0f8e2a-8d9b-4e4b-9c3f-6b1e2d7a5f10} Name OutmergeCampaignId';

/** The OData filter for every message of a campaign. */
export function campaignFilter(campaignId: string): string {
  return `singleValueExtendedProperties/Any(ep: ep/id eq '${CAMPAIGN_MARKER_PROPERTY_ID}' and ep/value eq '${campaignId.replace(/'/g, "''")}')`;
}

/**
 * PidTagDeferredSendTime (PR_DEFERRED_SEND_TIME, tag 0x3FEF, PT_SYSTIME) in Graph's
 * "{type} {proptag}" form for a MAPI property without a named set (Outlook extended properties
 * overview): a message sent with it is held by Exchange until that time (MS-OXOMSG 2.2.3.4; a
 * time already past sends at once).
 */
export const DEFERRED_SEND_TIME_PROPERTY_ID = 'SystemTime 0x3FEF';

/** The property's value: an ISO 8601 UTC time with whole seconds, as Graph writes SystemTime values. */
export function deferredSendTimeValue(at: number): string {
  return new Date(Math.floor(at / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * PidTagMessageClass ([MS-OXCMSG] 2.2.1.3) as Graph names a MAPI property by its tag: `IPM.Note`
 * for mail, `REPORT.IPM.Note.NDR` for a non-delivery report. Graph's message resource has no
 * message class of its own, so a report is told from a reply by this property.
 */
export const MESSAGE_CLASS_PROPERTY_ID = 'String 0x001A';
