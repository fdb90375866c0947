/**
 * Appending a callback to the Redis stream at most once, however many copies of it are in flight
 * on however many instances.
 *
 * One Lua script (atomic in Redis) looks up the callback's identity key; when it exists, the
 * callback is already in the stream and the script returns the entry ID stored there. Otherwise
 * it appends (`XADD … MAXLEN ~ N`) and sets the identity key to the new entry's ID with a TTL of
 * the duplicate window, in the same step. See `docs/relay-redis.md`, "Duplicates".
 *
 * @module
 */

/**
 * KEYS[1] the stream, KEYS[2] the callback's identity key; ARGV[1] `maxLen`, ARGV[2] the field
 * name, ARGV[3] the action as JSON, ARGV[4] the duplicate window in ms. Returns the entry ID.
 */
export const APPEND_ONCE_SCRIPT = `
local stored = redis.call('GET', KEYS[2])
if stored then return stored end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', ARGV[2], ARGV[3])
redis.call('SET', KEYS[2], id, 'PX', ARGV[4])
return id
`

/**
 * The key remembering one callback identity, in the stream's hash slot so one script may touch
 * both under Redis Cluster: the stream key's own `{hash tag}` when it has one, else the whole
 * stream key as the tag.
 */
export function identityKey(streamKey: string, identity: string): string {
  const open = streamKey.indexOf('{')
  const close = open === -1 ? -1 : streamKey.indexOf('}', open + 1)
  const slotted = close > open + 1 ? streamKey : `{${streamKey}}`
  return `${slotted}:seen:${identity}`
}
