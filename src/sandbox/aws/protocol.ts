/**
 * Wire-level pieces shared by both fakes: the error type handlers throw, the awsJson1_1 and ec2Query
 * error bodies the SDK's own deserializers parse, and the JSON timestamp encoding (epoch seconds).
 * @module
 */

export type ServiceName = 'sagemaker' | 'ec2';

/** An error answered to the client exactly as AWS would: code, message, HTTP status. */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = status;
  }
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export function jsonResponse(requestId: string, payload: unknown): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: stringifyWire(payload),
  };
}

/** awsJson1_1 error: `{"__type": code, "message": …}` (the SDK reads the code from `__type`). */
export function jsonError(requestId: string, error: AwsError): WireResponse {
  return {
    status: error.status,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

export function xmlResponse(requestId: string, body: string): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
    body,
  };
}

/** ec2Query error: `<Response><Errors><Error>`, no `<Type>`, upper-case `<RequestID>`. */
export function xmlError(requestId: string, error: AwsError): WireResponse {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Response><Errors><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors>` +
    `<RequestID>${requestId}</RequestID></Response>`;
  return {
    status: error.status,
    headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
    body,
  };
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Serializes an awsJson body: timestamps as epoch seconds (with a fraction), absent members
 * omitted. A replacer sees the raw `Date` through `this[key]` (its `toJSON` has already run), so
 * records are encoded without copying them first.
 */
function stringifyWire(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, encoded: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : encoded;
  });
}

/** The SigV4 credential scope's region and service (`Credential=AKID/20261129/us-east-1/ec2/aws4_request`). */
export function parseSigV4Scope(authorization: string | undefined): { region: string; service: string } | undefined {
  if (!authorization?.startsWith('AWS4-HMAC-SHA256')) return undefined;
  const match = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/.exec(authorization);
  if (!match?.[1] || !match[2]) return undefined;
  return { region: match[1], service: match[2] };
}
