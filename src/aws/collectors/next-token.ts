/**
 * The `NextToken` member of a paged request: omitted on the first page (an empty string is not a
 * token), so recorded inputs read exactly as sent.
 * @module
 */
export function nextTokenParam(nextToken: string | undefined): { NextToken?: string } {
  return nextToken ? { NextToken: nextToken } : {};
}
