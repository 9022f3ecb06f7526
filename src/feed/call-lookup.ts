import { instantOfCallId } from '../domain/model/call-id.js';
import { LegList } from '../domain/listing/leg-list.js';
import type { CallRecord } from '../domain/model/call-record.js';
import type { RangeFeed } from './call-feed.js';

/**
 * The call with this id, found from the id alone: it starts with the call's epoch second, so the feed
 * loads that second's window (batched with every other lookup of the operation) and the call is picked
 * from it. Null for text that is not a call id, or a call no longer in wolkvox's answer.
 */
export async function callById(feed: RangeFeed, id: string): Promise<CallRecord | null> {
  const instant = instantOfCallId(id);
  if (instant === null) return null;
  const range = { from: instant, to: instant + 1000 };
  const list = new LegList((await feed.callsIn(range)).views, range, {});
  for (let position = 0; position < list.length; position += 1) {
    if (list.idAt(position) === id) return list.recordAt(position);
  }
  return null;
}
