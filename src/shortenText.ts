/**
 * Shortening messages for the logs in state (control errors, body excerpts): at a word, with an
 * ellipsis, so a reader never sees a word cut in two ("(Invalid UR"), nor a character.
 *
 * @module
 */

/** A cut this close to the limit keeps most of the text; further back, cutting mid-word is better. */
const WORD_BOUNDARY_REACH = 0.6

/**
 * `text` if it fits in `maxLength` characters; otherwise its start up to the last whole word that
 * fits, followed by `…`, at most `maxLength` characters in all.
 *
 * @param text - The message.
 * @param maxLength - The most characters the result may have (at least 2).
 * @returns The text, or its shortened form ending in `…`.
 */
export function shortenAtWord(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text
  const room = text.slice(0, maxLength - 1)
  // The cut is at a word when the next character is a space; otherwise go back to the last space.
  const space = /\s/.test(text.charAt(maxLength - 1)) ? room.length : room.search(/\s\S*$/)
  const cut = space >= room.length * WORD_BOUNDARY_REACH ? room.slice(0, space) : room
  // Nor a character: an emoji is two UTF-16 units, and the first alone is not text.
  return `${cut.replace(/[\uD800-\uDBFF]$/, '').trimEnd()}…`
}
