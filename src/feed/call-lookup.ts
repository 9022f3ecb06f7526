import { instantOfCallId } from '../domain/model/call-id.js';
import { LegList } from '../domain/listing/leg-list.js';
import type { CallRecord } from '../domain/model/call-record.js';
import type { RangeFeed } from './call-feed.js';

/**
 * The call with this id, found from the id alone: it starts with the call's epoch second, so the feed
 * loads that second's window (batched with every other lookup of the operation) and the call is picked
 * from it, among the calls in the feed's scope. Null for text that is not a call id, a call no longer
 * in wolkvox's answer, or one out of scope: the window is loaded all the same, so an out-of-scope
 * id costs what an unknown one does.
 */
export async function callById(feed: RangeFeed, id: string): Promise<CallRecord | null> {
  const instant = instantOfCallId(id);
  if (instant === null) return null;
  const range = { from: instant, to: instant + 1000 };
  const set = await feed.callsIn(range);
  const list = new LegList(set.views, range, set.scope);
  for (let position = 0; position < list.length; position += 1) {
    if (list.idAt(position) === id) return list.recordAt(position);
  }
  return null;
}
