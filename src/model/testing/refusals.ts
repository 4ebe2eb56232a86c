// What every refusal message must look like, shared by the fuzz tests of documents and links.

/** zod's own wording, or ours from before issue 12: a message that says nothing was allowed, not what is. */
export const GENERIC =
  /does not match any allowed form|\bInvalid\b|Too (big|small)|Unrecognized key|received undefined/;

/**
 * Where the problem is: a field path (`producers[0] ("web").config["linger.ms"]`, `document` for the
 * root), an edge or fault by index, or a node by its id, followed by ": " or the reason; or, for a
 * text that is not a document at all, the whole of it (not JSON, too large, not an object).
 */
const WHERE = [
  /^[A-Za-z_$][\w$]*(\[[^\]]+\]( \([^)]*\))?|\.[A-Za-z_$][\w$]*)*: \S/,
  /^(producer|topic|consumer group|Spark job|id) "[^"]*"[ :]/,
  /^\.\.\. and \d+ more$/,
  /^not valid JSON: \S/,
  /^the document (is \d+ characters|must be a JSON object)/,
];

export const namesAPlace = (message: string): boolean => WHERE.some((re) => re.test(message));
